/** The build-time lesson compiler, and every lesson folder in the repo going through it. */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileLesson, renderMarkdown, splitHints } from "../../../tools/lessons/compile.js";
import { lessonFolders, readLesson, startsFromId } from "../../../tools/vite-plugin-lessons.js";

const en = `---
title: A title
summary: One line.
concepts: [a, b]
minutes: 5
---

# A title

Some <script>alert(1)</script> prose with \`code\`.

\`\`\`ts snippet
const x: number = 1;
\`\`\`
`;

describe("compileLesson", () => {
  it("reads the front matter, drops the repeated title, escapes raw HTML and highlights code at build time", () => {
    const l = compileLesson("03-some-lesson", { "lesson.md": en, "lesson.zh-CN.md": en.replace("A title", "一个标题"), "starter.ts": "a", "solution.ts": "b" });
    expect(l.order).toBe(3);
    expect(l.locales.en.meta).toEqual({ title: "A title", summary: "One line.", concepts: ["a", "b"], minutes: 5, demo: false });
    expect(l.locales["zh-CN"].meta.title).toBe("一个标题");
    expect(l.locales.en.html).not.toContain("<h1>");
    expect(l.locales.en.html).not.toContain("<script>");
    expect(l.locales.en.html).toContain("&lt;script&gt;");
    expect(l.locales.en.html).toContain('<span class="hljs-keyword">const</span>');
    expect(l.warnings).toEqual([]);
  });

  it("falls back to English, with a warning naming the file, when a translation is missing", () => {
    const l = compileLesson("04-x", { "lesson.md": en, "starter.ts": "s", "solution.ts": "s" });
    expect(l.locales["zh-CN"].meta.title).toBe("A title");
    expect(l.warnings).toEqual(expect.arrayContaining([expect.stringContaining("lessons/04-x/lesson.zh-CN.md"), expect.stringContaining("identical")]));
  });

  it("names the folder when something is wrong", () => {
    expect(() => compileLesson("4-bad", { "lesson.md": en })).toThrow(/lessons\/4-bad/);
    expect(() => compileLesson("05-y", { "lesson.md": "---\nsummary: no title\n---\n" })).toThrow(/lessons\/05-y\/lesson.md.*title/);
  });

  it("splits hints on ## N", () => {
    expect(splitHints("intro\n## 1\nfirst\n\n## 2\nsecond **bold**\n")).toEqual(["<p>first</p>\n", "<p>second <strong>bold</strong></p>\n"]);
  });

  it("picks up every NN-slug folder with a lesson.md, in order, lesson 1 with goals and Go", () => {
    const ids = lessonFolders("lessons");
    const all = readdirSync("lessons").filter((n) => /^\d\d-/.test(n));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual([...ids].sort());
    for (const id of ids) expect(all).toContain(id);
    const first = readLesson("lessons", "01-the-big-picture");
    expect(first.hasGoals && first.hasScenario).toBe(true);
    expect(first.goHtml).toContain("hljs");
    expect(first.locales.en.hints.length).toBe(3);
    expect(first.locales["zh-CN"].hints.length).toBe(3);
    expect(first.warnings).toEqual([]);
  });

  it("compiles lessons/sandbox (the #/sandbox page's prose, starter and scenario) outside the course", () => {
    expect(lessonFolders("lessons")).not.toContain("sandbox");
    const sandbox = readLesson("lessons", "sandbox");
    expect(sandbox.order).toBe(0);
    expect(sandbox.hasScenario).toBe(true);
    expect(sandbox.starter).toContain("newSharedInformerFactory");
    expect(sandbox.locales.en.meta.title).toBe("Sandbox");
    expect(sandbox.locales["zh-CN"].meta.title).toBe("沙盒");
    expect(sandbox.locales.en.html).toContain("<h2>Things to try</h2>");
    expect(sandbox.warnings).toEqual([]);
    expect(() => compileLesson("sandboxes", { "lesson.md": en })).toThrow(/lessons\/sandboxes: a lesson folder is named NN-slug/);
  });
});

describe("Go starter and solution, and the chain of starters (issue 20 items 3 and 6)", () => {
  const ids = lessonFolders("lessons");
  it("every lesson with goals has a Go starter and a Go solution, and they differ", () => {
    const missing: string[] = [];
    for (const id of ids) {
      const l = readLesson("lessons", id);
      if (!l.hasGoals) continue;
      if (!l.goStarterHtml.includes("package</span> main")) missing.push(`${id}/go-starter.md`);
      if (!l.goHtml.includes("package</span> main")) missing.push(`${id}/go.md`);
      else if (l.goStarterHtml === l.goHtml) missing.push(`${id}: go-starter.md is go.md`);
    }
    expect(missing).toEqual([]);
  });

  it("go-starter.md compiles to its own field (not the solution's)", () => {
    const l = compileLesson("07-x", { "lesson.md": en, "go.md": "# Go\n\n```go\npackage main // solution\n```\n", "go-starter.md": "# S\n\n```go\npackage main // starter\n```\n" });
    expect(l.goStarterHtml).toContain("starter");
    expect(l.goStarterHtml).not.toContain("solution");
    expect(l.goHtml).toContain("solution");
  });

  it("startsFrom names an earlier lesson by slug; a wrong slug is a build error naming the file", () => {
    const chained = ids.map((id) => readLesson("lessons", id)).filter((l) => l.startsFrom !== undefined);
    expect(chained.map((l) => l.id.slice(0, 2))).toEqual(expect.arrayContaining(["07", "08", "13", "14"]));
    for (const l of chained) expect(startsFromId(ids, l)).toMatch(/^\d\d-/);
    expect(startsFromId(ids, { id: "08-resync", startsFrom: "tombstones" })).toBe("07-tombstones");
    expect(String(startsFromId(ids, { id: "07-tombstones", startsFrom: "no-such-lesson" }))).toMatch(/lessons\/07-tombstones\/lesson.md: startsFrom "no-such-lesson"/);
    expect(startsFromId(ids, { id: "07-tombstones", startsFrom: "resync" })).toBeInstanceOf(Error); // not earlier
    expect(() => compileLesson("07-x", { "lesson.md": en.replace("minutes: 5", "minutes: 5\nstartsFrom: Not A Slug") })).toThrow(/lessons\/07-x\/lesson.md/);
  });
});

describe("CJK-aware line joining (issue 21 item 11)", () => {
  it("a soft break between two CJK characters renders as nothing; next to Latin text it stays a space", () => {
    expect(renderMarkdown("大多数 bug，\n都来自这里。")).toBe("<p>大多数 bug，都来自这里。</p>\n");
    expect(renderMarkdown("处理函数是\n你的代码")).toBe("<p>处理函数是你的代码</p>\n");
    expect(renderMarkdown("the informer\nruns")).toBe("<p>the informer\nruns</p>\n");
    expect(renderMarkdown("调用 `addFunc`\n之后")).toBe("<p>调用 <code>addFunc</code>\n之后</p>\n");
    expect(renderMarkdown("**共享处理器**\n把事件")).toBe("<p><strong>共享处理器</strong>把事件</p>\n");
  });
});
