/**
 * The transport: the playback bar (start, back, play/pause, forward, end, the scrub bar, "N / M", speed)
 * over the `playback` machine, and the stage's playback keys (the app's keymap, site/shell/keyboard.ts).
 *
 * Contract:
 * - `send(event)` drives the machine; every step it settles on is passed to `onStep(step)` once, after
 *   the step gate agreed: a forward move by one step (step forward, or the play timer) asks
 *   `gate(from, to)` first, and a refusal keeps `from`, paused.
 * - The bar reads only the machine: buttons are disabled while there is no run or one is `running`.
 * - Keys act only while a run is loaded and none is running, never while typing (commandFor).
 */
import { createActor } from "xstate";
import { DEFAULT_SPEED, SPEEDS, playbackMachine, type PlaybackEvent } from "../../machines/playback.js";
import { commandFor } from "../../shell/keyboard.js";
import type { T } from "../stage-i18n.js";
import { el, icon, label } from "./dom.js";

export type StepGate = (from: number, to: number) => boolean;

export interface TransportState {
  step: number;
  total: number;
  playing: boolean;
  running: boolean;
}

export interface Transport {
  readonly el: HTMLElement;
  send(e: PlaybackEvent): void;
  state(): TransportState;
  speed(): number;
  setGate(gate: StepGate | null): void;
  /** The step shown last (the gate's `from`) and its virtual time (null: none). */
  setShown(step: number, time: number | null): void;
  applyLabels(t: T): void;
  destroy(): void;
}

const PATHS = {
  "jump-start": "M3 2h2v12H3zM14 2v12L6 8z",
  "step-back": "M12 2v12L4 8zM2 2h2v12H2z",
  play: "M4 2l10 6-10 6z",
  pause: "M3 2h4v12H3zM9 2h4v12H9z",
  "step-forward": "M4 2v12l8-6zM12 2h2v12h-2z",
  "jump-end": "M2 2v12l8-6zM11 2h2v12h-2z",
} as const;

export function createTransport(o: {
  onStep(step: number): void;
  onState(s: TransportState): void;
}): Transport {
  const root = el("div", { class: "transport", role: "group" });
  const btn = (testid: keyof typeof PATHS): HTMLButtonElement => {
    const b = el("button", { type: "button", "data-testid": testid, class: `tb tb-${testid}` });
    b.append(icon(PATHS[testid]));
    root.append(b);
    return b;
  };
  const bStart = btn("jump-start");
  const bBack = btn("step-back");
  const bPlay = btn("play");
  const bPause = btn("pause");
  const bFwd = btn("step-forward");
  const bEnd = btn("jump-end");
  const scrub = el("input", { type: "range", "data-testid": "scrub", class: "scrub", min: "0", max: "0", value: "0", step: "1" });
  const counter = el("output", { "data-testid": "step-counter", class: "step-counter" }, "0 / 0");
  const clock = el("output", { "data-testid": "step-time", class: "step-time" });
  const speedLabel = el("label", { class: "speed" });
  const speedText = el("span");
  const speed = el("select", { "data-testid": "speed" });
  for (const s of SPEEDS) {
    const opt = el("option", { value: String(s) }, `${s}/s`);
    if (s === DEFAULT_SPEED) opt.selected = true;
    speed.append(opt);
  }
  speedLabel.append(speedText, speed);
  root.append(scrub, counter, clock, speedLabel);
  let t: T | null = null;
  /** The shown step's virtual time (null: no run). */
  let time: number | null = null;
  const showTime = () => {
    const text = time === null || t === null ? "" : t.clock(time);
    if (clock.textContent !== text) clock.textContent = text;
    if (t !== null && clock.title !== t.clockHint) clock.title = t.clockHint;
    const { step, total } = state();
    const value = time === null || t === null || total === 0 ? "" : t.scrubValue(step, total, time);
    if (value === "") scrub.removeAttribute("aria-valuetext");
    else if (scrub.getAttribute("aria-valuetext") !== value) scrub.setAttribute("aria-valuetext", value);
  };

  const actor = createActor(playbackMachine, { input: { speed: DEFAULT_SPEED } });
  let gate: StepGate | null = null;
  let shown = -1;
  /** The type of the event being sent (null: the play timer ticked). */
  let sending: PlaybackEvent["type"] | null = null;

  const state = (): TransportState => {
    const snap = actor.getSnapshot();
    return { step: snap.context.step, total: snap.context.total, playing: snap.matches({ ready: "playing" }), running: snap.matches("running") };
  };

  function update(): void {
    const { step, total, playing, running } = state();
    const set = <K extends "hidden" | "disabled">(e: HTMLButtonElement | HTMLInputElement, k: K, v: boolean) => {
      if (e[k] !== v) e[k] = v;
    };
    set(bPlay, "hidden", playing);
    set(bPause, "hidden", !playing);
    const none = total === 0 || running;
    // Never disabled at the ends (a click there is a harmless no-op), only when there is no run.
    for (const b of [bPlay, bPause, bStart, bBack, bFwd, bEnd]) set(b, "disabled", none);
    for (const [b, at] of [[bStart, step <= 1], [bBack, step <= 1], [bFwd, step >= total], [bEnd, step >= total]] as const) {
      if (b.classList.contains("at-end") !== at) b.classList.toggle("at-end", at);
    }
    set(scrub, "disabled", none);
    const min = total === 0 ? "0" : "1";
    if (scrub.min !== min) scrub.min = min;
    if (scrub.max !== String(total)) scrub.max = String(total);
    if (scrub.value !== String(step)) scrub.value = String(step);
    const text = `${step} / ${total}`;
    if (counter.textContent !== text) counter.textContent = text;
    o.onState({ step, total, playing, running });
  }

  actor.subscribe((snap) => {
    const to = snap.context.step;
    const forward = sending === "playback.stepForward" || (sending === null && snap.matches({ ready: "playing" }));
    if (gate !== null && shown > 0 && to === shown + 1 && forward && !gate(shown, to)) {
      actor.send({ type: "playback.goTo", step: shown }); // stays at `from`, paused
      return;
    }
    update();
    o.onStep(to);
  });
  actor.start();

  const send = (e: PlaybackEvent) => {
    sending = e.type;
    try {
      actor.send(e);
    } finally {
      sending = null;
    }
  };
  bStart.addEventListener("click", () => send({ type: "playback.jumpStart" }));
  bBack.addEventListener("click", () => send({ type: "playback.stepBack" }));
  bPlay.addEventListener("click", () => {
    send({ type: "playback.play" });
    bPause.focus();
  });
  bPause.addEventListener("click", () => {
    send({ type: "playback.pause" });
    bPlay.focus();
  });
  bFwd.addEventListener("click", () => send({ type: "playback.stepForward" }));
  bEnd.addEventListener("click", () => send({ type: "playback.jumpEnd" }));
  scrub.addEventListener("input", () => send({ type: "playback.seek", step: Number(scrub.value) }));
  speed.addEventListener("change", () => send({ type: "playback.speed", speed: Number(speed.value) }));

  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented) return;
    const command = commandFor(e);
    if (command === undefined || command === "run" || command === "sheet") return;
    const s = state();
    if (s.total === 0 || s.running) return;
    e.preventDefault();
    send({ type: command });
  };
  document.addEventListener("keydown", onKey);

  return {
    el: root,
    send,
    state,
    speed: () => actor.getSnapshot().context.speed,
    setGate(g) { gate = g; },
    setShown(step, at) {
      shown = step;
      time = at;
      showTime();
    },
    applyLabels(nt) {
      t = nt;
      showTime();
      root.setAttribute("aria-label", t.timeline);
      label(bStart, t.jumpStart);
      label(bBack, `${t.stepBack} (←)`);
      label(bPlay, `${t.play} (${t.spaceKey})`);
      label(bPause, `${t.pause} (${t.spaceKey})`);
      label(bFwd, `${t.stepForward} (→)`);
      label(bEnd, t.jumpEnd);
      scrub.setAttribute("aria-label", t.scrub);
      speedText.textContent = t.speed;
    },
    destroy() {
      document.removeEventListener("keydown", onKey);
      actor.stop();
      root.remove();
    },
  };
}
