/**
 * One zh-CN voice (issue 20 item 10, issue 21 item 11): the Chinese prose of every lesson, its hints and
 * the glossary use one term per concept, the same words the Chinese UI shows on the stage — 处理函数,
 * Informer, Indexer, Lister, listener, 工作队列, 重新 LIST, API Server, Pod — with full-width quotes and 秒/毫秒.
 * Code (fences, code spans), link targets, front matter other than title and summary, and goal ids
 * (`- **id**:`) are not prose; the question, options and explanation of a predict card are.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const LESSONS = resolve(__dirname, "../../lessons");
const folders = readdirSync(LESSONS).filter((n) => (/^\d\d-[a-z0-9-]+$/.test(n) || n === "sandbox") && existsSync(join(LESSONS, n, "lesson.md"))).sort();

/** [what the prose must not say, what it says instead]. */
export const VARIANTS: Array<[RegExp, string]> = [
  [/(?<![A-Za-z_.])(?:event )?handlers?\b(?![A-Za-z_(.])/, "处理函数"],
  [/(?<![A-Za-z_.-])informers?\b(?![A-Za-z_(.-])/, "Informer"],
  [/(?<![A-Za-z_.-])pods?\b(?![A-Za-z_(.-])/, "Pod"],
  [/(?<![A-Za-z_.])indexer\b(?![A-Za-z_(.])/, "Indexer"],
  [/索引器(?!）)/, "Indexer"],
  [/(?<![A-Za-z_.])lister\b(?![A-Za-z_(.])/, "Lister"],
  [/监听器/, "listener"],
  [/(?<![A-Za-z_.])workqueue\b(?![A-Za-z_(.])/, "工作队列"],
  [/重新 ?list\b/, "重新 LIST"],
  [/API server\b|API 服务器/, "API Server"],
  [/调谐/, "协调"],
  [/"[^"\n]*\p{Script=Han}[^"\n]*"/u, "“全角引号”"],
  [/\d\s?(?:ms|s)\b(?![-\w])/, "秒 / 毫秒"],
];

/** The prose of a zh-CN markdown file, one entry per line, with the line number. */
export function zhProse(md: string): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  const lines = md.split("\n");
  let fence: string | null = null;
  let frontMatter = md.startsWith("---\n");
  lines.forEach((raw, i) => {
    if (frontMatter) {
      if (i > 0 && raw.trim() === "---") frontMatter = false;
      // the title and summary show on the lesson map and the lesson's head
      const m = /^(?:title|summary):\s*(.*)$/.exec(raw);
      if (m !== null) out.push({ line: i + 1, text: m[1]!.replace(/^"(.*)"$/, "$1") });
      return;
    }
    const f = /^\s*(`{3,}|~{3,})(\w*)/.exec(raw);
    if (f !== null) {
      fence = fence === null ? f[2]! : null;
      return;
    }
    let text: string;
    if (fence !== null) {
      // a predict / bugs card's visible text
      const m = /^\s*(?:- )?(?:question|text|explain):\s*(.*)$/.exec(raw);
      if ((fence !== "predict" && fence !== "bugs") || m === null) return;
      text = m[1]!.replace(/^"(.*)"$/, "$1").replace(/\\"/g, '"'); // the YAML quotes are not the prose's
    } else {
      text = raw.replace(/^\s*[-*]\s+\*\*[a-z0-9]+(?:-[a-z0-9]+)*\*\*/, "");
    }
    text = text.replace(/`[^`]*`/g, "``").replace(/\]\([^)]*\)/g, "]");
    out.push({ line: i + 1, text });
  });
  return out;
}

describe("the zh-CN term check", () => {
  it("finds each variant in prose, and none in code, link targets or goal ids", () => {
    const md = ["---", "title: 一个 handler", "concepts: [handler]", "---", "- **level-triggered**：一个 handler，重新 list，“好”。",
      "看 [Indexer](#/glossary/indexer) 和 `informer.lister()`，1.5 秒。", "```ts", "const handler = 1;", "```",
      "```predict", "question: \"2 s 时，监听器有几条？\"", "```"].join("\n");
    const found = zhProse(md).flatMap(({ line, text }) => VARIANTS.filter(([re]) => re.test(text)).map(([, want]) => `${line}:${want}`));
    expect(found).toEqual(["2:处理函数", "5:处理函数", "5:重新 LIST", "11:listener", "11:秒 / 毫秒"]);
  });
});

describe.each(folders)("lessons/%s", (id) => {
  it("says one thing one way in Chinese", () => {
    for (const f of ["lesson.zh-CN.md", "hints.zh-CN.md"]) {
      if (!existsSync(join(LESSONS, id, f))) continue;
      const problems = zhProse(readFileSync(join(LESSONS, id, f), "utf8"))
        .flatMap(({ line, text }) => VARIANTS.filter(([re]) => re.test(text)).map(([re, want]) => `line ${line}: "${re.exec(text)![0]}" → ${want}`));
      expect(problems, `lessons/${id}/${f}`).toEqual([]);
    }
  });
});

describe("the glossary", () => {
  it("says one thing one way in Chinese (the headings keep client-go's English name in brackets)", () => {
    const problems = zhProse(readFileSync(join(LESSONS, "glossary.zh-CN.md"), "utf8"))
      .filter(({ text }) => !text.startsWith("## "))
      .flatMap(({ line, text }) => VARIANTS.filter(([re]) => re.test(text)).map(([re, want]) => `line ${line}: "${re.exec(text)![0]}" → ${want}`));
    expect(problems).toEqual([]);
  });
});

describe("the goals (issue 20: goal messages and titles speak with the lessons' voice)", () => {
  it("say one thing one way in Chinese: every zh-CN message template and goal title", async () => {
    const { allMessageIds, templatesOf } = await import("../../lessons/_lib/goal-message.js");
    const { pathToFileURL } = await import("node:url");
    const texts: Array<{ where: string; text: string }> = [];
    for (const id of folders) {
      if (!existsSync(join(LESSONS, id, "goals.ts"))) continue;
      const mod = (await import(pathToFileURL(join(LESSONS, id, "goals.ts")).href)) as
        { default: { goals: Array<{ id: string; title?: { "zh-CN"?: string } }> } };
      for (const g of mod.default.goals) if (g.title?.["zh-CN"] !== undefined) texts.push({ where: `${id} goal ${g.id} title`, text: g.title["zh-CN"] });
    }
    const ids = allMessageIds();
    expect(ids.length).toBeGreaterThan(150);
    for (const mid of ids) texts.push({ where: `message ${mid}`, text: templatesOf(mid)!["zh-CN"] });
    // code spans, quoted log text (“pods=…”) and placeholders ({key}: names, log lines) are not prose
    const problems = texts.flatMap(({ where, text }) => {
      const prose = text.replace(/`[^`]*`/g, "``").replace(/“[^”]*”/g, "“”").replace(/\{[A-Za-z][A-Za-z0-9]*\}/g, "{}");
      return VARIANTS.filter(([re]) => re.test(prose)).map(([re, want]) => `${where}: "${re.exec(prose)![0]}" → ${want}`);
    });
    expect(problems).toEqual([]);
  });
});
