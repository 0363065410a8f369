// @vitest-environment happy-dom
/**
 * Stage polish: count labels agree with their number (en) and use a measure word (zh-CN); the stage's
 * visible labels are Chinese in zh-CN while the test hooks keep their English values; the FIFO panel is
 * titled after the informer's queue kind, read from the trace; the active panel is scrolled into view
 * inside the stage's own scroll area (instantly under reduced motion, not while the learner points at it).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { informers, type Playground } from "playground";
import { runScenario, type RunResult } from "../../../src/scenario/index.js";
import type { TraceEvent } from "../../../src/sim/trace.js";
import lesson01 from "../../../lessons/01-the-big-picture/scenario.js";
import lesson01Solution from "../../../lessons/01-the-big-picture/solution.js";
import lesson16 from "../../../lessons/16-modern-client-go/scenario.js";
import lesson16Solution from "../../../lessons/16-modern-client-go/solution.js";
import lesson16Starter from "../../../lessons/16-modern-client-go/starter.js";
import { plural } from "../../../site/i18n/plural.js";
import { demoTrace } from "../../fixtures/demo-trace.js";
import { fifoKinds } from "../../../site/views/fifo-mode.js";
import { revealDelta } from "../../../site/views/reveal.js";
import { STAGE_TEXT } from "../../../site/views/stage-i18n.js";
import { mountStage, type StageHandle } from "../../../site/views/stage/stage.js";

const CJK = /[\u4e00-\u9fff]/;
const run = (trace: TraceEvent[]): RunResult => ({ trace, log: [], hash: "h" });

/** Lesson 16's program with the queue kind swapped in. */
function lesson16With(fifo: "delta" | "real" | "realAtomic", batchProcess = false) {
  return ({ clientset, stop, log }: Playground) => {
    // The playground's options type offers "delta" | "real"; the engine's factory also takes "realAtomic" (passed through).
    const factory = informers.newSharedInformerFactory(clientset, 0, { fifo: fifo as "real", watchList: fifo !== "delta", batchProcess });
    factory.core().v1().pods().informer().addEventHandler({ addFunc: () => log("add") });
    factory.start(stop);
  };
}

describe("plural()", () => {
  it("picks the English form by number and has one form in Chinese", () => {
    const forms = { one: "{n} object", other: "{n} objects" };
    expect([0, 1, 2, 11].map((n) => plural("en", n, forms))).toEqual(["0 objects", "1 object", "2 objects", "11 objects"]);
    expect(plural("zh-CN", 1, { other: "{n} 个对象" })).toBe("1 个对象");
    expect(plural("zh-CN", 1, { one: "never used", other: "{n} 个对象" })).toBe("1 个对象");
  });
});

describe("stage count labels", () => {
  const en = STAGE_TEXT.en;
  const zh = STAGE_TEXT["zh-CN"];
  const counts = ["nObjects", "nKeys", "nEntries", "nCalls", "nWatches", "nPending", "nListeners", "moreKeys", "moreEntries"] as const;

  it("English: singular for 1, plural otherwise", () => {
    expect(counts.map((k) => en[k](1))).toEqual(["1 object", "1 key", "1 entry", "1 call", "1 open watch", "1 pending", "1 listener", "+1 more key", "+1 more entry"]);
    expect(counts.map((k) => en[k](2))).toEqual(["2 objects", "2 keys", "2 entries", "2 calls", "2 open watches", "2 pending", "2 listeners", "+2 more keys", "+2 more entries"]);
  });

  it("Chinese: the number with a measure word, the same for 1 and 2", () => {
    for (const k of counts) {
      expect(zh[k](1), k).toMatch(CJK);
      expect(zh[k](1), k).toContain("1");
      expect(zh[k](2), k).toBe(zh[k](1).replace("1", "2"));
    }
    expect(zh.nObjects(1)).toBe("1 个对象");
    expect(zh.nCalls(3)).toBe("3 次调用");
  });
});

describe("queue kind from the trace", () => {
  it("lesson 16: the solution's in-order queue is RealFIFO, the starter's is DeltaFIFO", async () => {
    const real = await runScenario(lesson16, lesson16Solution);
    const delta = await runScenario(lesson16, lesson16Starter);
    expect([...fifoKinds(real.trace).values()]).toEqual(["real"]);
    expect([...fifoKinds(delta.trace).values()]).toEqual(["delta"]);
  });

  it("atomic mode, explicit modes and the default", async () => {
    const atomic = await runScenario(lesson16, lesson16With("realAtomic"));
    expect([...fifoKinds(atomic.trace).values()]).toEqual(["realAtomic"]);
    const batched = await runScenario(lesson16, lesson16With("real", true));
    expect([...fifoKinds(batched.trace).values()]).toEqual(["real"]);
    const one = await runScenario(lesson01, lesson01Solution);
    expect([...fifoKinds(one.trace).values()]).toEqual(["delta"]);
    // an explicit field (requested from src/sim/trace.ts) wins over the inference
    const tagged = one.trace.map((e) => (e.component === "fifo" ? { ...e, fifoKind: "real" } : e));
    expect([...fifoKinds(tagged).values()]).toEqual(["real"]);
    expect(fifoKinds(demoTrace()).size).toBe(1);
  });
});

describe("revealDelta()", () => {
  const box = { top: 100, bottom: 400 };
  it("scrolls only as far as needed", () => {
    expect(revealDelta(box, { top: 150, bottom: 300 })).toBe(0);
    expect(revealDelta(box, { top: 500, bottom: 600 })).toBe(204); // bottom in view, 4px margin
    expect(revealDelta(box, { top: 300, bottom: 900 })).toBe(196); // taller than the box: its top shows
    expect(revealDelta(box, { top: 20, bottom: 80 })).toBe(-84);
    expect(revealDelta({ top: 0, bottom: 0 }, { top: 500, bottom: 600 })).toBe(0);
  });
});

describe("the stage in happy-dom", () => {
  let host: HTMLElement;
  let stage: StageHandle;
  const all = (sel: string) => [...host.querySelectorAll<HTMLElement>(sel)];
  const one = (sel: string) => host.querySelector<HTMLElement>(sel)!;
  const nodeText = (stageName: string, part: "title" | "sub") =>
    host.querySelector(`[data-testid="stage-node"][data-stage="${stageName}"] text.${part}`)?.textContent ?? "";

  beforeEach(() => {
    document.body.innerHTML = "";
    host = document.createElement("div");
    document.body.append(host);
  });
  afterEach(() => stage.destroy());

  /** Every count shown at every step of the trace: the diagram's subtitles, server facts, listener counts. */
  function countTexts(trace: TraceEvent[]): string[] {
    const out = new Set<string>();
    for (let s = 1; s <= trace.length; s++) {
      stage.seek(s);
      for (const e of all("svg.pipeline text.sub, .server-facts span, .listener-buffer .count, .fifo-more .count")) out.add(e.textContent ?? "");
    }
    return [...out];
  }

  it("English: no '1 objects', and '1 object' is shown when the cache holds one object", () => {
    stage = mountStage(host, { locale: "en", reducedMotion: true });
    const trace = demoTrace({ pods: 1, writes: 6 });
    stage.load(run(trace));
    const texts = countTexts(trace);
    expect(texts.filter((t) => /^\+?1 (more )?(objects|keys|entries|calls|open watches|listeners)\b/.test(t))).toEqual([]);
    expect(texts).toContain("1 object");
    expect(texts.some((t) => /^[02-9]\d* objects$|^1\d+ objects$/.test(t))).toBe(true);
  });

  it("Chinese: counts use measure words; the reflector hook keeps its English state and gets a gloss", () => {
    stage = mountStage(host, { locale: "zh-CN", reducedMotion: true });
    const trace = demoTrace({ pods: 2, writes: 6 });
    stage.load(run(trace));
    const texts = countTexts(trace).filter((t) => !t.startsWith("RV") && !t.includes("/"));
    expect(texts.filter((t) => /\b(objects?|keys?|calls?|pending|watches|open|listeners|Listener)\b/.test(t))).toEqual([]);
    // "listener" is the zh glossary's own term (lessons/glossary.zh-CN.md, issue 21 item 11), counted with a measure word.
    expect(texts.filter((t) => /\blistener\b/.test(t) && !/^\d+ 个 listener$/.test(t))).toEqual([]);
    expect(texts).toContain("2 个对象");
    let seen = false;
    for (let s = 1; s <= trace.length; s++) {
      stage.seek(s);
      const state = one('[data-testid="reflector-state"]');
      expect(state.textContent).toMatch(/^(listing|watching|backoff|stopped)$/);
      if (state.textContent === "watching") {
        seen = true;
        expect(one(".reflector-line .state-gloss").textContent).toBe("（监视中）");
        expect(nodeText("reflector", "sub")).toMatch(/^监视中 · /);
      }
    }
    expect(seen).toBe(true);
    // other visible labels of the panels
    expect(one(".server-facts").textContent).toMatch(/个打开的 watch/);
    expect(nodeText("processor", "sub")).toMatch(/^\d+ 个 listener$/); // the glossary term (issue 21 item 11)
  });

  it("English locale shows no gloss next to the reflector state", () => {
    stage = mountStage(host, { locale: "en", reducedMotion: true });
    const trace = demoTrace();
    stage.load(run(trace));
    stage.seek(trace.length);
    expect(one(".reflector-line .state-gloss").textContent).toBe("");
  });

  it("the FIFO panel and box are titled after the run's queue: RealFIFO for lesson 16's solution", async () => {
    stage = mountStage(host, { locale: "en", reducedMotion: true });
    const real = await runScenario(lesson16, lesson16Solution);
    stage.load(run(real.trace));
    expect(one(".panel.p-fifo h3").textContent).toBe("RealFIFO");
    expect(nodeText("deltafifo", "title")).toBe("RealFIFO");
    expect(nodeText("deltafifo", "sub")).toMatch(/^\d+ entr(y|ies)$/);
    const atomic = await runScenario(lesson16, lesson16With("realAtomic"));
    stage.load(run(atomic.trace));
    expect(one(".panel.p-fifo h3").textContent).toBe("RealFIFO (atomic)");
    stage.setLocale("zh-CN");
    expect(one(".panel.p-fifo h3").textContent).toBe("RealFIFO（原子模式）");
    const delta = await runScenario(lesson16, lesson16Starter);
    stage.load(run(delta.trace));
    expect(one(".panel.p-fifo h3").textContent).toBe("DeltaFIFO");
    expect(nodeText("deltafifo", "title")).toBe("DeltaFIFO");
    // the hook the tests read does not change
    expect(all('[data-testid="stage-node"][data-stage="deltafifo"]').length).toBe(1);
  });

  describe("active panel scrolled into view", () => {
    /** Lays the panels out in a column 300px tall each, inside a 400px scroll area, with a working scrollTo. */
    function fakeLayout() {
      const middle = one(".stage-middle");
      const panels = all(".panels > .panel");
      const calls: Array<{ top: number; behavior?: string }> = [];
      middle.getBoundingClientRect = () => ({ top: 100, bottom: 500, left: 0, right: 600, width: 600, height: 400, x: 0, y: 100, toJSON: () => ({}) });
      panels.forEach((p, i) => {
        p.getBoundingClientRect = () => {
          const top = 100 + i * 300 - middle.scrollTop;
          return { top, bottom: top + 290, left: 0, right: 600, width: 600, height: 290, x: 0, y: top, toJSON: () => ({}) };
        };
      });
      middle.scrollTo = ((o: ScrollToOptions) => {
        calls.push({ top: o.top ?? 0, behavior: o.behavior });
        middle.scrollTop = o.top ?? 0;
      }) as typeof middle.scrollTo;
      return { middle, calls };
    }
    const activePanel = () => one(".panels > .panel.active").className.replace(/\s*\bactive\b/, "").replace("panel ", "");

    it("scrolls the stage's middle (not the page) to the active panel, instantly under reduced motion", () => {
      stage = mountStage(host, { locale: "en", reducedMotion: true });
      const trace = demoTrace();
      stage.load(run(trace));
      const { middle, calls } = fakeLayout();
      const scrollPage = vi.spyOn(window, "scrollTo");
      let listenerStep = 0;
      for (let s = 2; s <= trace.length && listenerStep === 0; s++) {
        stage.seek(s);
        if (activePanel() === "p-listeners") listenerStep = s;
      }
      expect(listenerStep).toBeGreaterThan(0);
      const last = calls.at(-1)!;
      expect(last.behavior).toBe("instant");
      // the listeners panel (4th, top at 900px of content) now has its top inside the 400px area
      const r = one(".panels > .panel.p-listeners").getBoundingClientRect();
      expect(r.top).toBeGreaterThanOrEqual(100);
      expect(r.top).toBeLessThan(500);
      expect(middle.scrollTop).toBeGreaterThan(0);
      expect(scrollPage).not.toHaveBeenCalled();
      // back to a reflector step: scrolled up again
      for (let s = listenerStep; s >= 1; s--) {
        stage.seek(s);
        if (activePanel() === "p-reflector") break;
      }
      expect(one(".panels > .panel.p-reflector").getBoundingClientRect().top).toBeGreaterThanOrEqual(100);
    });

    it("smooth without reduced motion; leaves the scroll alone while the pointer is over the panels", () => {
      stage = mountStage(host, { locale: "en", reducedMotion: false });
      const trace = demoTrace();
      stage.load(run(trace));
      one('[data-testid="pause"]').click();
      const { middle, calls } = fakeLayout();
      middle.dispatchEvent(new Event("pointerenter"));
      for (let s = 2; s <= trace.length; s++) stage.seek(s);
      expect(calls).toEqual([]);
      middle.dispatchEvent(new Event("pointerleave"));
      stage.seek(1);
      for (let s = 2; s <= trace.length && calls.length === 0; s++) stage.seek(s);
      expect(calls.length).toBeGreaterThan(0);
      expect(calls[0]!.behavior).toBe("smooth");
    });
  });
});
