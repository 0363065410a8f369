/**
 * The action bar: one row under the playback bar — an "Actions" disclosure holding the stage actions
 * (action-ops.ts) grouped as objects / faults / handlers, with the object they act on, and the
 * kubectl-style command bar (command-bar-parse.ts); the outcome of the last one shows under the row.
 *
 * Contract: an action or command that makes an operation calls `onAction(op)` (the app re-runs with it)
 * with `afterStep` = the step on screen and `at` = its virtual time, and says what was recorded; one that
 * cannot says why (parser and action reasons are English, like kubectl's; other locales label them); a
 * read-only command (`get`, `describe`) only prints; `help` lists the commands in the stage's language.
 * Nothing is emitted while a run is in flight or before one is shown.
 * - Only the actions that mean something in the loaded run are offered (`applicableActions(trace)`:
 *   a bare DeltaFIFO run has no object, fault or handler actions); when none does, the disclosure is
 *   replaced by a short note. Hidden buttons stay in the DOM (hidden) for the `action` hook's tests.
 * - The disclosure is keyboard accessible: Enter/Space open it and focus the first action, ↑/↓ move,
 *   Escape closes it and returns focus to its button, leaving it (focus or click outside) closes it.
 *   Its keys never reach the stage's playback keys.
 * - The command bar keeps a history for the tab's session (site/storage/command-history.ts): ↑/↓ walk it.
 */
import type { KnownTraceEvent, ServerObjectView, WorldView } from "../../../src/sim/index.js";
import { openCommandHistory, historyCursor, type CommandHistory } from "../../storage/command-history.js";
import { ACTION_GROUPS, actionOp, applicableActions, runNames, type ActionGroup, type StageAction } from "../action-ops.js";
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

const HELP_WORDS = new Set(["help", "?", "-h", "--help"]);

export function createActionBar(o: {
  t: T;
  /** The shown world, its step and the selection (null before a run is shown). */
  current(): { view: WorldView | null; step: number; selected: string | null; running: boolean; events?: readonly KnownTraceEvent[] };
  onAction(op: TimedOp): void;
  /** The command history (default: this tab's session storage). */
  history?: CommandHistory;
}): ActionBar {
  let t = o.t;
  let target: ServerObjectView | undefined;
  const history = o.history ?? openCommandHistory();
  const cursor = historyCursor(history);

  const root = el("div", { class: "actions", role: "group" });
  const line = el("div", { class: "action-line" });
  const menu = el("div", { class: "action-menu" });
  const toggle = el("button", { type: "button", class: "action-toggle", "aria-expanded": "false", "data-testid": "actions-menu" });
  const toggleText = el("span");
  toggle.append(toggleText, el("span", { class: "caret", "aria-hidden": "true" }, "▾"));
  const panel = el("div", { class: "action-panel", id: uid("stage-actions") });
  toggle.setAttribute("aria-controls", panel.id);
  const targetEl = el("p", { class: "action-target" });
  panel.append(targetEl);
  const none = el("span", { class: "actions-none", "data-testid": "actions-none", hidden: "" });

  const buttons = new Map<StageAction, HTMLButtonElement>();
  const groups = new Map<ActionGroup, { box: HTMLElement; heading: HTMLElement }>();
  for (const [g, actions] of Object.entries(ACTION_GROUPS) as Array<[ActionGroup, readonly StageAction[]]>) {
    const heading = el("span", { class: "action-group-title", id: uid(`stage-actions-${g}`) });
    const box = el("div", { class: `action-group g-${g}`, role: "group", "data-group": g });
    box.setAttribute("aria-labelledby", heading.id);
    box.append(heading);
    for (const a of actions) {
      const b = el("button", { type: "button", "data-testid": "action", "data-action": a, class: `action a-${a}` });
      buttons.set(a, b);
      box.append(b);
    }
    groups.set(g, { box, heading });
    panel.append(box);
  }
  menu.append(toggle, panel);

  const form = el("form", { class: "command" });
  const commandLabel = el("label", { class: "visually-hidden" });
  const command = el("input", { type: "text", "data-testid": "command-bar", class: "command-bar", autocomplete: "off", spellcheck: "false" });
  command.id = uid("stage-command");
  commandLabel.setAttribute("for", command.id);
  form.append(commandLabel, command);
  const result = el("pre", { "data-testid": "command-result", class: "command-result", "aria-live": "polite", tabindex: "0" });
  line.append(menu, none, form);
  root.append(line, result);

  // ── the disclosure ──
  const isOpen = () => toggle.getAttribute("aria-expanded") === "true";
  const items = () => [...buttons.values()].filter((b) => !b.hidden && !b.disabled);
  const setOpen = (open: boolean, focus: "first" | "toggle" | "none" = "none") => {
    toggle.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("open", open);
    if (open && focus === "first") items()[0]?.focus();
    if (!open && focus === "toggle") toggle.focus();
  };
  toggle.addEventListener("click", () => setOpen(!isOpen(), isOpen() ? "none" : "first"));
  menu.addEventListener("keydown", (e) => {
    if (!isOpen()) return;
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    const move = (i: number) => {
      e.preventDefault();
      e.stopPropagation();
      list[(i + list.length) % list.length]?.focus();
    };
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false, "toggle");
    } else if (e.key === "ArrowDown" || e.key === "ArrowRight") move(at + 1);
    else if (e.key === "ArrowUp" || e.key === "ArrowLeft") move(at < 0 ? list.length - 1 : at - 1);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(list.length - 1);
  });
  menu.addEventListener("focusout", (e) => {
    const next = e.relatedTarget as Node | null;
    if (isOpen() && next !== null && !menu.contains(next)) setOpen(false);
  });
  const outside = (e: PointerEvent) => {
    if (!root.isConnected) document.removeEventListener("pointerdown", outside, true); // the stage was destroyed
    else if (isOpen() && !menu.contains(e.target as Node)) setOpen(false);
  };
  document.addEventListener("pointerdown", outside, true);

  // ── what applies in this run ──
  let appliesTo: readonly KnownTraceEvent[] | undefined;
  const showApplicable = (events: readonly KnownTraceEvent[]) => {
    if (events === appliesTo) return;
    appliesTo = events;
    const ok = applicableActions(events);
    for (const [a, b] of buttons) b.hidden = !ok.has(a);
    for (const [g, { box }] of groups) box.hidden = ACTION_GROUPS[g].every((a) => !ok.has(a));
    menu.hidden = ok.size === 0;
    none.hidden = ok.size !== 0;
    if (ok.size === 0) setOpen(false);
    root.setAttribute("data-actions", [...ok].join(" "));
  };

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
      setOpen(false, document.activeElement === b ? "toggle" : "none");
      if (!r.ok) {
        say(`${t.commandError}${r.error}`, true);
        return;
      }
      emit(r.op, r.command);
    });
  }
  command.addEventListener("keydown", (e) => {
    if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      const next = e.key === "ArrowUp" ? cursor.up(command.value) : cursor.down();
      if (next === undefined) return;
      e.preventDefault();
      command.value = next;
      command.setSelectionRange(next.length, next.length);
    } else if (e.key === "Escape" && result.textContent !== "") {
      e.preventDefault();
      say("", false);
    }
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = command.value;
    const words = text.trim().split(/\s+/).filter((w) => w !== "kubectl");
    if (words.length === 1 && HELP_WORDS.has(words[0]!)) {
      history.push(text);
      cursor.reset();
      command.value = "";
      say(t.commandHelp, false);
      return;
    }
    const { view, running } = o.current();
    if (view === null) {
      say(t.noRun, true);
      return;
    }
    history.push(text);
    cursor.reset();
    const r = parseCommand(text, { at: view.time, objects: view.server.objects.values() });
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
    emit(r.op, text.trim());
  });

  const showTarget = () => {
    targetEl.textContent = `${t.target}: ${target === undefined ? t.noTarget : `${target.resource} ${target.key}`}`;
    toggle.title = `${t.actions} · ${targetEl.textContent}`;
  };
  return {
    el: root,
    setTarget(tg) {
      target = tg;
      showTarget();
      const events = o.current().events;
      if (events !== undefined) showApplicable(events);
    },
    setRunning(running) {
      for (const b of buttons.values()) b.disabled = running;
    },
    applyLabels(nt) {
      t = nt;
      root.setAttribute("aria-label", t.actions);
      toggleText.textContent = t.actionsMenu;
      for (const [a, b] of buttons) {
        b.textContent = t[a];
        b.title = t.actionHints[a];
      }
      for (const [g, { heading }] of groups) heading.textContent = t.actionGroups[g];
      none.textContent = t.actionsNone;
      none.title = t.actionsNoneHint;
      command.placeholder = t.commandPlaceholder;
      commandLabel.textContent = t.commandLabel;
      command.title = t.commandHint;
      showTarget();
    },
  };
}
