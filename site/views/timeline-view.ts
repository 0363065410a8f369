/**
 * The timeline under the stage: one tick per event on a <canvas> (events are binned per pixel column
 * for long runs, so a 100,000-event trace costs one pass), coloured by component, with marks for
 * faults, learner actions, runner errors, failing goals and the first step where this run departs from
 * the previous one, and a cursor at the current step. Clicking or dragging seeks.
 */
import type { TraceEvent } from "../../src/sim/index.js";
import type { StagePanel } from "./stage/panel.js";

export interface TimelineMarks { failedSteps: number[]; diffStep: number | null }

const COMPONENT_VAR: Record<string, string> = {
  server: "--stage-c-server", fault: "--stage-c-fault", reflector: "--stage-c-reflector", fifo: "--stage-c-fifo",
  indexer: "--stage-c-indexer", processor: "--stage-c-processor", listener: "--stage-c-listener",
  handler: "--stage-c-handler", workqueue: "--stage-c-workqueue", worker: "--stage-c-worker", runner: "--stage-c-runner",
};

export class Timeline {
  private readonly canvas: HTMLCanvasElement;
  private events: readonly TraceEvent[] = [];
  private marks: TimelineMarks = { failedSteps: [], diffStep: null };
  private step = 0;
  private base: ImageData | null = null;
  private cursorColor = "#111";
  private dragging = false;

  /**
   * `onSeek(step)`: a click, a drag or a key chose a step. `onHover(step, x)`: the pointer is over the
   * step's column at `x` px from the canvas's left edge (null: it left).
   */
  constructor(canvas: HTMLCanvasElement, private readonly onSeek: (step: number) => void,
              private readonly onHover: (step: number | null, x: number) => void = () => undefined) {
    this.canvas = canvas;
    const stepAt = (e: PointerEvent): number | null => {
      const r = canvas.getBoundingClientRect();
      if (r.width <= 0 || this.events.length === 0) return null;
      const f = Math.min(1, Math.max(0, (e.clientX - r.left) / r.width));
      return Math.max(1, Math.min(this.events.length, Math.floor(f * this.events.length) + 1));
    };
    const seekAt = (e: PointerEvent) => {
      const step = stepAt(e);
      if (step !== null) this.onSeek(step);
    };
    canvas.addEventListener("pointerdown", (e) => {
      this.dragging = true;
      canvas.setPointerCapture?.(e.pointerId);
      seekAt(e);
    });
    canvas.addEventListener("pointermove", (e) => {
      if (this.dragging) seekAt(e);
      this.onHover(stepAt(e), e.clientX - canvas.getBoundingClientRect().left);
    });
    canvas.addEventListener("pointerup", () => {
      this.dragging = false;
    });
    canvas.addEventListener("pointerleave", () => this.onHover(null, 0));
    // Keyboard (the canvas is a slider): ← → one step, Page Up / Page Down a tenth, Home / End.
    canvas.addEventListener("keydown", (e) => {
      const n = this.events.length;
      if (n === 0 || e.altKey || e.ctrlKey || e.metaKey) return;
      const page = Math.max(1, Math.round(n / 10));
      const to = ({ ArrowLeft: this.step - 1, ArrowDown: this.step - 1, ArrowRight: this.step + 1, ArrowUp: this.step + 1,
        PageDown: this.step - page, PageUp: this.step + page, Home: 1, End: n } as Record<string, number>)[e.key];
      if (to === undefined) return;
      e.preventDefault();
      this.onSeek(Math.max(1, Math.min(n, to)));
    });
  }

  load(events: readonly TraceEvent[], marks: TimelineMarks): void {
    this.events = events;
    this.marks = marks;
    this.base = null;
    this.draw();
  }

  /** Replaces the failing-goal marks (goals are checked after the run is loaded). */
  setFailedSteps(steps: readonly number[]): void {
    this.marks = { ...this.marks, failedSteps: [...steps] };
    this.base = null;
    this.draw();
  }

  setStep(step: number): void {
    this.step = step;
    this.draw();
  }

  /** Redraws the ticks (after a resize or theme change). */
  invalidate(): void {
    this.base = null;
    this.draw();
  }

  private draw(): void {
    const c = this.canvas;
    const ctx = c.getContext?.("2d", { willReadFrequently: true }) ?? null;
    if (ctx === null) return;
    const dpr = globalThis.devicePixelRatio ?? 1;
    if (this.base === null) {
      // Only a redraw of the ticks reads the layout; moving the cursor never does.
      const w = Math.max(1, Math.round((c.clientWidth || 600) * dpr));
      const h = Math.max(1, Math.round((c.clientHeight || 36) * dpr));
      if (c.width !== w || c.height !== h) {
        c.width = w;
        c.height = h;
      }
    }
    const w = c.width;
    const h = c.height;
    const n = this.events.length;
    if (this.base === null) {
      const style = getComputedStyle(c);
      // One lookup per custom property per redraw, not one per pixel column (a live window redraws often).
      const colors = new Map<string, string>();
      const color = (name: string, fallback: string) => {
        let v = colors.get(name);
        if (v === undefined) colors.set(name, v = style.getPropertyValue(name).trim() || fallback);
        return v;
      };
      ctx.clearRect(0, 0, w, h);
      ctx.fillStyle = color("--stage-timeline-bg", "#eef0f3");
      ctx.fillRect(0, 0, w, h);
      if (n > 0) {
        const top = Math.round(h * 0.3);
        const barH = h - top - Math.round(h * 0.12);
        // one column per pixel: the colour of the column's most "interesting" event
        const rank: Record<string, number> = { fault: 9, handler: 8, worker: 7, workqueue: 6, fifo: 5, indexer: 4, listener: 3, processor: 2, reflector: 2, server: 1, runner: 0 };
        const cols = Math.min(w, n);
        const colW = w / cols;
        for (let col = 0; col < cols; col++) {
          const from = Math.floor((col * n) / cols);
          const to = Math.max(from + 1, Math.floor(((col + 1) * n) / cols));
          let best = this.events[from]!.component;
          for (let i = from + 1; i < to; i++) {
            const comp = this.events[i]!.component;
            if ((rank[comp] ?? 0) > (rank[best] ?? 0)) best = comp;
          }
          ctx.fillStyle = color(COMPONENT_VAR[best] ?? "--stage-c-runner", "#999");
          ctx.fillRect(col * colW, top, Math.max(1, colW - (colW > 3 ? 1 : 0)), barH);
        }
        const x = (step: number) => ((step - 0.5) / n) * w;
        const tri = (cx: number, fill: string) => {
          ctx.fillStyle = fill;
          ctx.beginPath();
          ctx.moveTo(cx - 5 * dpr, 0);
          ctx.lineTo(cx + 5 * dpr, 0);
          ctx.lineTo(cx, 8 * dpr);
          ctx.closePath();
          ctx.fill();
        };
        for (let i = 0; i < n; i++) {
          const e = this.events[i]!;
          if (e.kind === "fault.injected") tri(x(i + 1), color("--stage-c-fault", "#d33"));
          else if (e.kind === "runner.op" && e.learner === true) tri(x(i + 1), color("--stage-accent", "#36c"));
          else if (e.kind === "runner.error" || e.kind === "handler.threw") tri(x(i + 1), color("--stage-bad", "#c00"));
        }
        for (const s of this.marks.failedSteps) {
          ctx.fillStyle = color("--stage-bad", "#c00");
          ctx.fillRect(x(s) - dpr, 0, 2 * dpr, h);
        }
        if (this.marks.diffStep !== null) {
          ctx.fillStyle = color("--stage-diff", "#d90");
          ctx.fillRect(x(this.marks.diffStep) - dpr, 0, 2 * dpr, h);
          tri(x(this.marks.diffStep), color("--stage-diff", "#d90"));
        }
      }
      this.cursorColor = color("--stage-fg", "#111");
      this.base = ctx.getImageData(0, 0, w, h);
    } else {
      ctx.putImageData(this.base, 0, 0);
    }
    if (n > 0 && this.step > 0) {
      const cx = ((this.step - 0.5) / n) * w;
      ctx.fillStyle = this.cursorColor;
      ctx.fillRect(cx - dpr, 0, 2 * dpr, h);
    }
  }
}

/**
 * The timeline as a StagePanel: the canvas (a keyboard slider over the steps, named and valued for
 * assistive technology) and a tooltip that says, for the step under the pointer, its number, virtual
 * time and what happened (`describe(step)`). `timeline` takes the marks that arrive later (failing goals).
 */
export function timelinePanel(onSeek: (step: number) => void, describe: (step: number) => string):
    StagePanel & { readonly timeline: Timeline; readonly canvas: HTMLCanvasElement } {
  const box = document.createElement("div");
  box.className = "timeline-box";
  const canvas = document.createElement("canvas");
  canvas.className = "timeline";
  canvas.setAttribute("role", "slider");
  canvas.tabIndex = 0;
  canvas.setAttribute("data-testid", "timeline");
  canvas.setAttribute("data-failed-steps", "");
  const tip = document.createElement("div");
  tip.className = "timeline-tip";
  tip.setAttribute("data-testid", "timeline-tooltip");
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  box.append(canvas, tip);
  const timeline = new Timeline(canvas, onSeek, (step, x) => {
    if (step === null) {
      tip.hidden = true;
      return;
    }
    tip.textContent = describe(step);
    tip.setAttribute("data-step", String(step));
    tip.hidden = false;
    // Centred on the pointer, kept inside the box (its width is known once the text is in).
    const w = box.clientWidth;
    const tw = Math.min(tip.offsetWidth, w);
    tip.style.left = `${Math.round(Math.max(0, Math.min(w - tw, x - tw / 2)))}px`;
  });
  const set = (k: string, v: string) => {
    if (canvas.getAttribute(k) !== v) canvas.setAttribute(k, v);
  };
  return {
    id: "timeline",
    stages: [],
    timeline,
    canvas,
    title: (t) => t.timeline,
    mount(el) { el.append(box); },
    update(view, ctx) {
      set("aria-label", ctx.t.timeline);
      set("title", `${ctx.t.timeline}: ${ctx.t.timelineKeys}`);
      set("aria-valuemin", ctx.step > 0 ? "1" : "0");
      set("aria-valuemax", String(ctx.total));
      set("aria-valuenow", String(ctx.step));
      set("aria-valuetext", ctx.step > 0 ? ctx.t.timelineValue(ctx.step, ctx.total, view.time) : ctx.t.noRun);
      timeline.setStep(ctx.step);
    },
    unmount() { box.remove(); },
  };
}
