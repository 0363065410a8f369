/**
 * A minimal stand-in for the real stage (site/views/stage.ts, built by the stage helper): a playback bar
 * (play/pause, step ±1, jump to start/end, scrub, speed, "N / M") and a one-line description of the
 * current trace event. Same interface as the real one; the shell switches to the real stage by itself
 * as soon as site/views/stage.ts exists.
 */
import type { RunResult, TimedOp } from "../../src/scenario/index.js";
import { h, icon } from "./dom";
import type { MountStage, StageHandle, StageLocale } from "./stage-types";

const TEXT = {
  en: { play: "Play", pause: "Pause", back: "Step back", fwd: "Step forward", start: "First step", end: "Last step", speed: "Speed", scrub: "Step", empty: "The pipeline appears here after a run." },
  "zh-CN": { play: "播放", pause: "暂停", back: "后退一步", fwd: "前进一步", start: "第一步", end: "最后一步", speed: "速度", scrub: "步骤", empty: "运行之后，这里会显示流水线。" },
};

export const mountStage: MountStage = (container, options) => {
  let locale: StageLocale = options.locale;
  let run: RunResult | undefined;
  let step = 0;
  let playing = false;
  let speed = 1;
  let timer: ReturnType<typeof setInterval> | undefined;
  const stepListeners: Array<(s: number) => void> = [];
  const actionListeners: Array<(op: TimedOp) => void> = [];
  void actionListeners;

  const t = () => TEXT[locale];
  const btn = (testid: string, ic: string, label: () => string, onclick: () => void) => {
    const b = h("button", { type: "button", class: "icon-button", "data-testid": testid, title: label(), "aria-label": label(), onclick }, icon(ic));
    return b;
  };
  const playBtn = btn("play", "play", () => t().play, () => setPlaying(true));
  const pauseBtn = btn("pause", "pause", () => t().pause, () => setPlaying(false));
  const backBtn = btn("step-back", "prev", () => t().back, () => go(step - 1));
  const fwdBtn = btn("step-forward", "next", () => t().fwd, () => go(step + 1));
  const startBtn = btn("jump-start", "start", () => t().start, () => go(1));
  const endBtn = btn("jump-end", "end", () => t().end, () => go(total()));
  const scrub = h("input", { type: "range", min: 0, max: 0, value: 0, "data-testid": "scrub", "aria-label": t().scrub, class: "scrub" });
  scrub.addEventListener("input", () => go(Number(scrub.value)));
  const speedSel = h("select", { "data-testid": "speed", "aria-label": t().speed, class: "speed" },
    ...[0.5, 1, 2, 4, 8].map((s) => h("option", { value: s, selected: s === 1 }, `${s}×`)));
  speedSel.addEventListener("change", () => {
    speed = Number(speedSel.value);
    if (playing) setPlaying(true);
  });
  const counter = h("span", { "data-testid": "step-counter", class: "step-counter", "aria-live": "off" }, "0 / 0");
  const narration = h("p", { "data-testid": "narration", class: "narration", "aria-live": "polite" }, t().empty);
  const nodes = h("div", { class: "placeholder-pipeline" },
    ...["apiserver", "reflector", "deltafifo", "indexer", "processor", "listener", "handler"].map((s) =>
      h("div", { class: "stage-node", "data-testid": "stage-node", "data-stage": s, ...(s === "listener" ? { "data-index": 0 } : {}) }, s)));
  const bar = h("div", { class: "playback-bar" }, startBtn, backBtn, playBtn, pauseBtn, fwdBtn, endBtn, scrub, counter, speedSel);
  const root = h("div", { class: "stage-placeholder" }, nodes, narration, bar);
  container.append(root);

  const total = () => run?.trace.length ?? 0;
  function describe(): string {
    const e = run?.trace[step - 1];
    if (e === undefined) return t().empty;
    const details = Object.entries(e)
      .filter(([k, v]) => !["seq", "time", "component", "kind"].includes(k) && (typeof v === "string" || typeof v === "number" || typeof v === "boolean"))
      .slice(0, 5).map(([k, v]) => `${k}=${String(v)}`).join(" ");
    return `t=${e.time} ms · ${e.kind}${details ? ` · ${details}` : ""}`;
  }
  function render() {
    counter.textContent = `${step} / ${total()}`;
    scrub.max = String(total());
    scrub.value = String(step);
    playBtn.hidden = playing;
    pauseBtn.hidden = !playing;
    narration.textContent = describe();
    const comp = run?.trace[step - 1]?.component;
    const map: Record<string, string> = { server: "apiserver", reflector: "reflector", fifo: "deltafifo", indexer: "indexer", processor: "processor", listener: "listener", handler: "handler" };
    for (const n of nodes.children) n.setAttribute("data-active", String(comp !== undefined && map[comp] === (n as HTMLElement).dataset["stage"]));
  }
  function go(s: number) {
    const n = Math.max(total() > 0 ? 1 : 0, Math.min(total(), s));
    if (n === step) return render();
    step = n;
    if (step >= total()) setPlaying(false);
    render();
    for (const l of stepListeners) l(step);
  }
  function setPlaying(p: boolean) {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    playing = p && step < total();
    if (playing) timer = setInterval(() => go(step + 1), 400 / speed);
    render();
  }

  const handle: StageHandle = {
    load(r) {
      run = r;
      step = 0;
      go(total() > 0 ? 1 : 0);
      setPlaying(!options.reducedMotion);
    },
    seek(s) {
      setPlaying(false);
      go(s);
    },
    onStep(cb) {
      stepListeners.push(cb);
    },
    onAction(cb) {
      actionListeners.push(cb);
    },
    setRunning(running) {
      root.setAttribute("aria-busy", String(running));
    },
    setLocale(l) {
      locale = l;
      for (const [b, k] of [[playBtn, "play"], [pauseBtn, "pause"], [backBtn, "back"], [fwdBtn, "fwd"], [startBtn, "start"], [endBtn, "end"]] as const) {
        b.title = t()[k];
        b.setAttribute("aria-label", t()[k]);
      }
      render();
    },
    destroy() {
      setPlaying(false);
      root.remove();
    },
  };
  render();
  return handle;
};
