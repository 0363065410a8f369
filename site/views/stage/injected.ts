/**
 * The actions and faults injected into this run, as a list under the action bar: each says what it
 * does and where it sits (after step n, t = …), with a button that removes it (the app re-runs
 * without it), and "Remove all". The app owns the list (StageHandle.setActions); the stage only shows
 * it and reports removals.
 *
 * Test hooks: `injected` (the list, data-count), `injected-action` (data-index), `remove-action`,
 * `remove-all-actions`.
 */
import type { TimedOp } from "../run-types.js";
import type { T } from "../stage-i18n.js";
import { el } from "./dom.js";

/** What an operation does, in words (object names stay as the cluster spells them). */
export function describeOp(op: TimedOp, t: T): string {
  const w = t.opWords;
  const key = (ns: string | undefined, name: string) => (ns !== undefined && ns !== "" ? `${ns}/${name}` : name);
  switch (op.op) {
    case "create": case "update": case "apply":
      return `${w[op.op]} ${op.resource} ${key(op.object.metadata.namespace, op.object.metadata.name)}`;
    case "delete":
      return `${w.delete} ${op.resource} ${key(op.namespace, op.name)}`;
    case "label":
      return `${w.label} ${op.resource} ${key(op.namespace, op.name)} ${Object.entries(op.labels).map(([k, v]) => (v === null ? `${k}-` : `${k}=${v}`)).join(" ")}`;
    case "bind":
      return `${w.bind} pods ${key(op.namespace ?? "default", op.name)} ${w.toNode(op.node)}`;
    case "fault": {
      if (op.fault !== "partition") return w[op.fault];
      const how = [w[op.mode ?? "refused"], ...(op.durationMs !== undefined ? [w.healsAfter(op.durationMs)] : [])];
      return w.details(w.partition, how);
    }
    case "slowHandler":
      return w.slow(op.handler, op.delayMs);
  }
}

export interface InjectedList {
  readonly el: HTMLElement;
  set(ops: readonly TimedOp[]): void;
  setLocale(t: T): void;
  setRunning(running: boolean): void;
}

export function createInjectedList(o: { t: T; onRemove(index: number): void; onRemoveAll(): void }): InjectedList {
  let t = o.t;
  let ops: readonly TimedOp[] = [];
  let running = false;
  const root = el("details", { class: "injected", "data-testid": "injected", "data-count": "0" });
  const summary = el("summary");
  const list = el("ol", { class: "injected-list" });
  const all = el("button", { type: "button", class: "link remove-all", "data-testid": "remove-all-actions" });
  all.addEventListener("click", () => {
    if (!running && ops.length > 0) o.onRemoveAll();
  });
  root.append(summary, list, all);

  function render(): void {
    root.setAttribute("data-count", String(ops.length));
    root.hidden = ops.length === 0;
    summary.textContent = ops.length === 0 ? t.injectedNone : t.injected(ops.length);
    all.textContent = t.removeAll;
    all.disabled = running;
    list.replaceChildren(...ops.map((op, i) => {
      const li = el("li", { "data-testid": "injected-action", "data-index": String(i) });
      const where = op.afterStep !== undefined ? t.placedAfter(op.afterStep, op.at) : t.placedAt(op.at);
      const remove = el("button", { type: "button", class: "link remove-action", "data-testid": "remove-action", title: t.removeActionHint }, `× ${t.removeAction}`);
      remove.setAttribute("aria-label", `${t.removeAction}: ${describeOp(op, t)}`);
      remove.disabled = running;
      remove.addEventListener("click", () => {
        if (!running) o.onRemove(i);
      });
      li.append(el("span", { class: "injected-what" }, describeOp(op, t)), " ", el("span", { class: "injected-where" }, where), " ", remove);
      return li;
    }));
  }
  render();
  return {
    el: root,
    set(next) {
      ops = [...next];
      render();
    },
    setLocale(nt) {
      t = nt;
      render();
    },
    setRunning(r) {
      running = r;
      render();
    },
  };
}
