/**
 * The action bar: the object the actions act on, one button per stage action (action-ops.ts) and the
 * kubectl-style command bar (command-bar-parse.ts), with the outcome of the last one.
 *
 * Contract: an action or command that makes an operation calls `onAction(op)` (the app re-runs with it)
 * with `afterStep` = the step on screen and `at` = its virtual time, and says what was recorded; one that cannot says why (parser and action reasons are English, like
 * kubectl's; other locales label them); a read-only command (`get`, `describe`, `help`) only prints.
 * Nothing is emitted while a run is in flight or before one is shown.
 */
import type { ServerObjectView, TraceEvent, WorldView } from "../../../src/sim/index.js";
import { ACTIONS, actionOp, runNames, type StageAction } from "../action-ops.js";
import { parseCommand } from "../command-bar-parse.js";
import type { TimedOp } from "../run-types.js";
import type { T } from "../stage-i18n.js";
import { el, uid } from "./dom.js";

export interface ActionBar {
  readonly el: HTMLElement;
  /** Shows the current target (undefined: nothing selected or selectable). */
  setTarget(target: ServerObjectView | undefined): void;
  setRunning(running: boolean): void;
  applyLabels(t: T): void;
}

export function createActionBar(o: {
  t: T;
  /** The shown world, its step and the selection (null before a run is shown). */
  current(): { view: WorldView | null; step: number; selected: string | null; running: boolean; events?: readonly TraceEvent[] };
  onAction(op: TimedOp): void;
}): ActionBar {
  let t = o.t;
  let target: ServerObjectView | undefined;
  const root = el("div", { class: "actions" });
  const title = el("span", { class: "actions-title" });
  const targetEl = el("span", { class: "action-target" });
  const buttons = new Map<StageAction, HTMLButtonElement>();
  const row = el("div", { class: "action-row" });
  for (const a of ACTIONS) {
    const b = el("button", { type: "button", "data-testid": "action", "data-action": a, class: `action a-${a}` });
    buttons.set(a, b);
    row.append(b);
  }
  const form = el("form", { class: "command" });
  const commandLabel = el("label", { class: "visually-hidden" });
  const command = el("input", { type: "text", "data-testid": "command-bar", class: "command-bar", autocomplete: "off", spellcheck: "false" });
  command.id = uid("stage-command");
  commandLabel.setAttribute("for", command.id);
  const result = el("pre", { "data-testid": "command-result", class: "command-result", "aria-live": "polite" });
  form.append(commandLabel, command);
  root.append(title, targetEl, row, form, result);

  const say = (text: string, error: boolean) => {
    result.classList.toggle("error", error);
    result.textContent = text;
  };
  /** An action happens right after the step on screen (TimedOp.afterStep), at that step's time. */
  const emit = (op: TimedOp, what: string) => {
    const step = o.current().step;
    const placed: TimedOp = step > 0 ? { ...op, afterStep: step } : op;
    say(t.recorded(what, step, op.at), false);
    o.onAction(placed);
  };
  for (const [a, b] of buttons) {
    b.addEventListener("click", () => {
      const { view, selected, running, events } = o.current();
      if (view === null || running) return;
      // Create names its object free in the whole run (runNames), not only at this step.
      const r = actionOp(a, view, selected, events === undefined ? undefined : { runNames: runNames(events) });
      if (!r.ok) {
        say(`${t.commandError}${r.error}`, true);
        return;
      }
      emit(r.op, r.command);
    });
  }
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const line = command.value;
    const { view, running } = o.current();
    if (view === null) {
      say(t.noRun, true);
      return;
    }
    const r = parseCommand(line, { at: view.time, objects: view.server.objects.values() });
    if (!r.ok) {
      say(`${t.commandError}${r.error}`, true);
      return;
    }
    if (r.op === undefined) {
      say(r.output, false);
      return;
    }
    if (running) return;
    command.value = "";
    emit(r.op, line.trim());
  });

  const showTarget = () => {
    targetEl.textContent = `${t.target}: ${target === undefined ? t.noTarget : `${target.resource} ${target.key}`}`;
  };
  return {
    el: root,
    setTarget(tg) {
      target = tg;
      showTarget();
    },
    setRunning(running) {
      for (const b of buttons.values()) b.disabled = running;
    },
    applyLabels(nt) {
      t = nt;
      title.textContent = t.actions;
      for (const [a, b] of buttons) b.textContent = t[a];
      command.placeholder = t.commandPlaceholder;
      commandLabel.textContent = t.commandLabel;
      showTarget();
    },
  };
}
