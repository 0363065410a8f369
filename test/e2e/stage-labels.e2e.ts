/**
 * Stage polish, in Chromium at 1280×800 through the real app, on lesson 16 (in-order queue) in English
 * and in Chinese: the FIFO panel is titled after the run's queue (DeltaFIFO for the starter, RealFIFO for
 * the solution's `fifo: "real"`); every count reads grammatically ("1 object", "1 个对象"); the
 * reflector-state hook keeps its English text in zh-CN (with a Chinese gloss beside it); and whenever
 * the step moves to another panel, that panel is inside the stage's scroll area without the page moving.
 * Screenshots: test-results/screenshots/stage-polish-lesson16-{en,zh-CN}.png (+ "-listeners").
 */
import { describe, expect, it } from "vitest";
import { byTestId, openApp, settled, showSolutionAndWait, waitReady, type AppSession } from "./harness.js";

const LESSON = "#/lesson/16-modern-client-go";
const VIEWPORT = { width: 1280, height: 800 };


const fifoTitle = (app: AppSession) => app.page.locator(".stage .panel.p-fifo h3").innerText();
const fifoNode = (app: AppSession) => app.page.locator('.stage [data-testid="stage-node"][data-stage="deltafifo"] text.title').textContent();

interface Walk {
  /** every count-like text shown at any step (diagram subtitles, server facts, listener counts) */
  counts: string[];
  /** steps where the active panel changed, and whether it then lay inside the stage's scroll area */
  changes: { step: number; panel: string; inView: boolean }[];
  /** the page's own scroll offset, largest seen */
  pageScroll: number;
  /** the scroll area's largest scrollTop (it moved) and whether it can scroll at all */
  maxScrollTop: number;
  scrollable: boolean;
  /** reflector-state texts and the glosses beside them */
  states: string[];
  glosses: string[];
}

/** Seeks every step (reduced motion: scrolling is instant) and reads what the stage shows. */
async function walk(app: AppSession, total: number): Promise<Walk> {
  return app.page.evaluate((total) => {
    const stage = (window as unknown as { __stage: { seek(step: number): void } }).__stage;
    const middle = document.querySelector<HTMLElement>(".stage .stage-middle")!;
    const counts = new Set<string>();
    const states = new Set<string>();
    const glosses = new Set<string>();
    const changes: { step: number; panel: string; inView: boolean }[] = [];
    let last = "";
    let pageScroll = 0;
    let maxScrollTop = 0;
    for (let step = 1; step <= total; step++) {
      stage.seek(step);
      for (const e of document.querySelectorAll(".stage svg.pipeline text.sub, .stage .server-facts span, .stage .listener-buffer .count, .stage .fifo-more .count")) {
        counts.add(e.textContent ?? "");
      }
      states.add(document.querySelector('[data-testid="reflector-state"]')?.textContent ?? "");
      glosses.add(document.querySelector(".stage .reflector-line .state-gloss")?.textContent ?? "");
      const active = document.querySelector<HTMLElement>(".stage .panels > .panel.active");
      const name = active?.className ?? "";
      if (active !== null && name !== last) {
        const box = middle.getBoundingClientRect();
        const r = active.getBoundingClientRect();
        // in view: its top is inside the area, and its bottom too unless it is taller than the area
        const inView = r.top >= box.top - 1 && r.top < box.bottom && (r.bottom <= box.bottom + 1 || r.height > box.height - 8);
        changes.push({ step, panel: name, inView });
      }
      last = name;
      pageScroll = Math.max(pageScroll, window.scrollY, document.scrollingElement?.scrollTop ?? 0);
      maxScrollTop = Math.max(maxScrollTop, middle.scrollTop);
    }
    return { counts: [...counts], changes, pageScroll, maxScrollTop, scrollable: middle.scrollHeight > middle.clientHeight + 1,
      states: [...states], glosses: [...glosses] };
  }, total);
}

/** Seeks to a step where the queue holds the most entries (the FIFO panel is worth a look) and another at a handler step. */
async function shots(app: AppSession, total: number, name: string): Promise<void> {
  const { page } = app;
  const [fifoStep, handlerStep, reflectorStep] = await page.evaluate((total) => {
    const stage = (window as unknown as { __stage: { seek(step: number): void } }).__stage;
    let best = 1;
    let most = -1;
    let handler = 1;
    let reflector = 1;
    for (let step = 1; step <= total; step++) {
      stage.seek(step);
      const n = document.querySelectorAll('[data-testid="fifo-key"]').length;
      if (n > most) { most = n; best = step; }
      if (handler === 1 && document.querySelector('[data-testid="stage-node"][data-stage="handler"][data-active="true"]') !== null && step > total / 2) handler = step;
      if (reflector === 1 && document.querySelector(".stage .panel.p-reflector.active") !== null
        && document.querySelector('[data-testid="reflector-state"]')?.textContent === "watching" && step > total / 2) reflector = step;
    }
    return [best, handler, reflector];
  }, total);
  await page.evaluate((s) => (window as unknown as { __stage: { seek(step: number): void } }).__stage.seek(s), fifoStep);
  await settled(page);
  await app.screenshot(`stage-polish-lesson16-${name}`);
  await page.evaluate((s) => (window as unknown as { __stage: { seek(step: number): void } }).__stage.seek(s), handlerStep);
  await settled(page);
  await app.screenshot(`stage-polish-lesson16-${name}-listeners`);
  await page.evaluate((s) => (window as unknown as { __stage: { seek(step: number): void } }).__stage.seek(s), reflectorStep);
  await settled(page);
  await app.screenshot(`stage-polish-lesson16-${name}-reflector`);
}

describe("stage polish (lesson 16, 1280×800)", () => {
  it("English: DeltaFIFO → RealFIFO after Show solution; grammatical counts; the active panel is scrolled into view", async () => {
    const app = await openApp({ path: LESSON, viewport: VIEWPORT, reducedMotion: "reduce" });
    try {
      app.page.on("dialog", (d) => void d.accept());
      await waitReady(app);
      expect(await fifoTitle(app)).toBe("DeltaFIFO");
      const total = await showSolutionAndWait(app);
      expect(await fifoTitle(app)).toBe("RealFIFO");
      expect(await fifoNode(app)).toBe("RealFIFO");
      const w = await walk(app, total);
      expect(w.counts.filter((t) => /^\+?1 (more )?(objects|keys|entries|calls|open watches|listeners)\b/.test(t))).toEqual([]);
      expect(w.counts).toContain("1 object");
      expect(w.counts.some((t) => /^1 entry$/.test(t))).toBe(true);
      expect(w.states.every((s) => /^(listing|watching|backoff|stopped)$/.test(s))).toBe(true);
      expect(w.glosses).toEqual([""]);
      // the stage's middle really scrolls at this size, and every change of active panel lands in view
      expect(w.scrollable).toBe(true);
      expect(w.changes.length).toBeGreaterThan(3);
      expect(w.changes.filter((c) => !c.inView)).toEqual([]);
      expect(w.maxScrollTop).toBeGreaterThan(0);
      expect(w.pageScroll).toBe(0);
      await shots(app, total, "en");
    } finally {
      await app.close();
    }
  });

  it("Chinese: measure-word counts, Chinese labels, the reflector-state hook still reads in English", async () => {
    const app = await openApp({ path: LESSON, viewport: VIEWPORT, reducedMotion: "reduce", locale: "zh-CN" });
    try {
      app.page.on("dialog", (d) => void d.accept());
      await waitReady(app);
      expect(await app.page.locator("html").getAttribute("lang")).toBe("zh-CN");
      const total = await showSolutionAndWait(app);
      expect(await fifoTitle(app)).toBe("RealFIFO");
      const w = await walk(app, total);
      const counts = w.counts.filter((t) => !t.startsWith("RV"));
      expect(counts.filter((t) => /\b(objects?|keys?|entry|entries|calls?|pending|open|listeners|Listener)\b/.test(t))).toEqual([]);
      // "listener" is the zh glossary's own term (issue 21 item 11): a count of them still takes a measure word.
      expect(counts.filter((t) => /listener/.test(t)).every((t) => /^\d+ 个 listener$/.test(t))).toBe(true);
      expect(counts).toContain("1 个对象");
      expect(counts.some((t) => /^\d+ 个条目$/.test(t))).toBe(true);
      expect(w.states).toContain("watching");
      expect(w.states.every((s) => /^(listing|watching|backoff|stopped)$/.test(s))).toBe(true);
      expect(w.glosses).toContain("（监视中）");
      expect(w.changes.filter((c) => !c.inView)).toEqual([]);
      expect(w.pageScroll).toBe(0);
      // headings and sub-headings of the panels are Chinese (the FIFO's is its client-go type name; Reflector,
      // Indexer and API Server are the zh glossary's own terms, as the lessons write them — issue 21 item 11)
      const heads = await app.page.locator(".stage .panel h3, .stage .panel h4").allInnerTexts();
      expect(heads.filter((h) => !/[\u4e00-\u9fff]/.test(h) && !/^(\w*FIFO|Indexer|Reflector · API Server)$/.test(h))).toEqual([]);
      await shots(app, total, "zh-CN");
      await app.page.locator(".stage-tables-toggle input").check();
      const captions = await app.page.locator('.stage [data-testid="view-table"] caption').allInnerTexts();
      expect(captions.some((c) => c.startsWith("RealFIFO"))).toBe(true);
      await app.screenshot("stage-polish-lesson16-zh-CN-tables");
    } finally {
      await app.close();
    }
  });
});
