/**
 * The error area: one `error` element per kind that currently has something to say
 * (`data-kind="compile|runtime|timeout|storage"`), removed as soon as it no longer applies.
 */
import { clear, h, icon } from "./dom";

export type ErrorKind = "compile" | "runtime" | "timeout" | "storage" | "share";

export class ErrorBanner {
  readonly element = h("div", { class: "errors", role: "alert" });
  private readonly shown = new Map<ErrorKind, HTMLElement>();

  constructor(private readonly dismissLabel: () => string) {}

  show(kind: ErrorKind, message: string, onClick?: () => void): void {
    this.clear(kind);
    const text = onClick
      ? h("button", { type: "button", class: "link-button error-text", onclick: onClick }, message)
      : h("span", { class: "error-text" }, message);
    const el = h("div", { class: `error-banner kind-${kind}`, "data-testid": "error", "data-kind": kind },
      icon("warn"), text,
      kind === "storage" || kind === "runtime" || kind === "share"
        ? h("button", { type: "button", class: "icon-button dismiss", "aria-label": this.dismissLabel(), title: this.dismissLabel(), onclick: () => this.clear(kind) }, icon("cross"))
        : null);
    this.shown.set(kind, el);
    const order: ErrorKind[] = ["storage", "share", "compile", "timeout", "runtime"];
    clear(this.element);
    for (const k of order) {
      const e = this.shown.get(k);
      if (e) this.element.append(e);
    }
  }

  clear(kind: ErrorKind): void {
    this.shown.get(kind)?.remove();
    this.shown.delete(kind);
  }

  has(kind: ErrorKind): boolean {
    return this.shown.has(kind);
  }
}
