// @vitest-environment happy-dom
/** The shell's DOM pieces: lesson map hooks, the error area, the keyboard sheet. */
import { describe, expect, it } from "vitest";
import { translator } from "../../../site/i18n/index.js";
import type { LessonSummary } from "../../../site/lessons/types.js";
import { ErrorBanner } from "../../../site/shell/error-banner.js";
import { renderLessonMap } from "../../../site/shell/lesson-map.js";
import { progress } from "../../../site/storage/progress.js";
import { openStore } from "../../../site/storage/store.js";

const lesson = (order: number, id: string, en: string, zh: string): LessonSummary => ({
  id, order, title: { en, "zh-CN": zh }, summary: { en: `${en}.`, "zh-CN": `${zh}。` }, minutes: 10, demo: false, concepts: [],
});
const lessons = [lesson(1, "01-a", "First", "第一"), lesson(2, "02-b", "Second", "第二")];

describe("lesson map", () => {
  it("renders one lesson-link per lesson with its id, href and passed state, in the chosen locale", () => {
    const p = progress(openStore(() => globalThis.localStorage));
    globalThis.localStorage.clear();
    p.markPassed("02-b");
    const el = renderLessonMap({ t: translator("zh-CN"), locale: "zh-CN", lessons, progress: p });
    const links = [...el.querySelectorAll<HTMLAnchorElement>('[data-testid="lesson-link"]')];
    expect(links.map((a) => [a.getAttribute("href"), a.dataset["lesson"], a.dataset["passed"]])).toEqual([
      ["#/lesson/01-a", "01-a", "false"],
      ["#/lesson/02-b", "02-b", "true"],
    ]);
    expect(el.querySelector('[data-testid="lesson-list"]')?.textContent).toContain("第一");
    expect(el.textContent).toContain("已通过 1 / 2 课");
    expect(el.querySelector('[data-testid="export-progress"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="import-progress"]')).not.toBeNull();
  });
});

describe("error area", () => {
  it("shows one `error` per kind with its data-kind, and removes it when cleared", () => {
    const banner = new ErrorBanner(() => "Dismiss");
    banner.show("compile", "2 problems");
    banner.show("storage", "no storage");
    banner.show("compile", "1 problem");
    const kinds = () => [...banner.element.querySelectorAll('[data-testid="error"]')].map((e) => e.getAttribute("data-kind"));
    expect(kinds()).toEqual(["storage", "compile"]);
    expect(banner.element.textContent).toContain("1 problem");
    expect(banner.element.textContent).not.toContain("2 problems");
    banner.clear("compile");
    expect(kinds()).toEqual(["storage"]);
    expect(banner.has("compile")).toBe(false);
  });
});
