/**
 * The #/live connect screen (wire.md §7.5, UI.md live hooks): what the page is connected to (context,
 * server, version, namespace, access), a resource / namespace / label-selector picker, "Open a trace
 * file", and the kubectl commands to try.
 *
 * Contract:
 * - `loadInfo()` reads `/live/info` (absent under `kubectl proxy`) and `/k8s/version` (gitVersion) and
 *   fills the screen; a failing version check shows the error (the screen stays usable). `info()` is the
 *   info as soon as /live/info answered (its `version` set once read).
 * - Submitting the picker calls `onFollow`; choosing a file calls `onOpenFile` with it.
 * - `picked()` is the checked resources in picker order; `namespace()` / `selector()` the trimmed inputs.
 * - `showError(m)` / `clearError()` drive the one alert line; `compact()` shrinks the screen once a run shows.
 * - It states plainly that a live run is not reproducible.
 */
import { h } from "../shell/dom";
import { fetchInfo, fetchVersion, kubectlCommands, type LiveInfo } from "./connect-info.js";
import type { LiveText } from "./live-i18n.js";

const PICKABLE = ["pods", "deployments", "replicasets", "services", "configmaps", "nodes", "namespaces"];

export interface ConnectScreen {
  root: HTMLElement;
  loadInfo(): Promise<void>;
  /** What /live/info said (undefined before it answered, and under `kubectl proxy`). */
  info(): LiveInfo | undefined;
  picked(): string[];
  namespace(): string;
  /** The namespace input as typed (the export names it). */
  namespaceInput(): string;
  selector(): string;
  showError(m: string): void;
  clearError(): void;
  compact(): void;
}

export function connectScreen(t: LiveText, onFollow: () => void, onOpenFile: (f: File) => void): ConnectScreen {
  const dd = (id: string) => h("dd", { "data-testid": id }, "…");
  const ctxEl = dd("live-context"), serverEl = dd("live-server"), versionEl = dd("live-server-version"), nsInfoEl = dd("live-ns"), accessEl = dd("live-access");
  const errorEl = h("p", { class: "live-error", "data-testid": "live-error", role: "alert", hidden: true });
  // Several resources, one informer (and one watch) each, at most MAX_WATCHES (checked on Follow).
  const resourceBoxes = PICKABLE.map((r) => h("input", { type: "checkbox", value: r, checked: r === "pods", "data-resource": r }) as HTMLInputElement);
  const resourceSel = h("fieldset", { class: "live-resources", "data-testid": "live-resource", "aria-label": t.resource },
    ...resourceBoxes.map((b) => h("label", {}, b, h("span", {}, b.value))));
  const nsInput = h("input", { "data-testid": "live-namespace", "aria-label": t.namespace, value: "default", spellcheck: "false" });
  const selInput = h("input", { "data-testid": "live-selector", "aria-label": t.labelSelector, placeholder: "app=web", spellcheck: "false" });
  const startBtn = h("button", { type: "submit", class: "button primary", "data-testid": "live-start" }, t.start);
  const fileInput = h("input", { type: "file", accept: "application/json,.json", "data-testid": "live-open-trace" });
  const commands = h("pre", { class: "live-commands", "data-testid": "live-commands" });
  const picker = h("form", { class: "live-picker", onsubmit: (e: Event) => { e.preventDefault(); onFollow(); } },
    h("div", { class: "live-field" }, h("span", {}, t.resource), resourceSel),
    h("label", {}, h("span", {}, t.namespace), nsInput),
    h("label", {}, h("span", {}, t.labelSelector), selInput),
    startBtn);
  const root = h("section", { class: "live-connect", "data-testid": "live-connect" },
    h("h1", {}, t.title),
    h("dl", { class: "live-info" },
      h("dt", {}, t.context), ctxEl, h("dt", {}, t.server), serverEl, h("dt", {}, t.version), versionEl,
      h("dt", {}, t.namespace), nsInfoEl, h("dt", {}, t.access), accessEl),
    h("p", { class: "live-note", "data-testid": "live-not-reproducible" }, t.notReproducible),
    errorEl, picker,
    h("label", { class: "live-open" }, h("span", {}, t.openTrace), fileInput),
    h("p", {}, t.doSomething), commands);
  fileInput.addEventListener("change", () => {
    const f = fileInput.files?.[0];
    if (f !== undefined) onOpenFile(f);
  });

  const showError = (m: string) => { errorEl.textContent = m; errorEl.hidden = false; };
  let info: LiveInfo | undefined;

  return {
    root,
    info: () => info,
    async loadInfo() {
      info = await fetchInfo();
      ctxEl.textContent = info?.context ?? "—";
      serverEl.textContent = info === undefined ? t.viaKubectlProxy : info.embedded ? `${info.server} (${t.embedded})` : info.server;
      nsInfoEl.textContent = info?.namespace ?? "default";
      accessEl.textContent = info === undefined ? "—" : info.allowWrites ? t.writes(info.namespace) : t.readOnly;
      if (info !== undefined) nsInput.value = info.namespace;
      commands.textContent = kubectlCommands(info);
      try {
        versionEl.textContent = await fetchVersion();
        if (info !== undefined) info.version = versionEl.textContent;
      } catch (e) {
        versionEl.textContent = "—";
        showError(t.connectError(e instanceof Error ? e.message : String(e)));
      }
    },
    picked: () => resourceBoxes.filter((b) => b.checked).map((b) => b.value),
    namespace: () => nsInput.value.trim(),
    namespaceInput: () => nsInput.value,
    selector: () => selInput.value.trim(),
    showError,
    clearError: () => { errorEl.hidden = true; },
    compact: () => root.classList.add("compact"),
  };
}
