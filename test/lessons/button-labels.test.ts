/**
 * Buttons named in lesson prose are the buttons the app shows (issue 21 item 11, issue 20 item 10): the
 * zh-CN prose names a button by its Chinese label ("点击**运行**", never "点击 Run"), and a button named in
 * either language ("Press **Run**", "点击**运行**", "**重置**按钮") exists under that label in that language.
 * The labels come from the app's own catalogues (site/i18n, the stage's and live mode's texts), so renaming
 * a button in the UI makes this test name every lesson that still uses the old label.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { en as EN } from "../../site/i18n/en.js";
import { zhCN as ZH } from "../../site/i18n/zh-CN.js";
import { STAGE_TEXT } from "../../site/views/stage-i18n.js";
import { LIVE_TEXT } from "../../site/live/live-i18n.js";

const LESSONS = resolve(__dirname, "../../lessons");
const folders = readdirSync(LESSONS).filter((n) => (/^\d\d-[a-z0-9-]+$/.test(n) || n === "sandbox") && existsSync(join(LESSONS, n, "lesson.md"))).sort();

type Pair = { en: string; zh: string; where: string };
/** The app's buttons (and the controls learners press), as [en, zh] from the catalogues. */
function buttons(): Pair[] {
  const app = ["editor.run", "editor.reset", "editor.format", "editor.solution", "editor.solution.short", "editor.diff",
    "editor.diff.close", "editor.live", "editor.share", "lesson.hint", "nav.prev", "nav.next", "nav.home", "nav.glossary",
    "progress.export", "progress.import", "glossary.back", "storage.download", "storage.drafts.delete",
    "storage.progress.forget", "lesson.passed.next", "lesson.collapse", "lesson.expand", "stage.play", "stage.pause",
    "stage.stepBack", "stage.stepForward", "stage.jumpStart", "stage.jumpEnd", "predict.again"] as const;
  const out: Pair[] = app.map((k) => ({ en: EN[k], zh: ZH[k], where: `site/i18n ${k}` }));
  const stage = ["play", "pause", "stepForward", "stepBack", "jumpStart", "jumpEnd", "tables", "create", "update", "delete", "label",
    "bind", "drop-watch", "compact", "partition", "partition-timeout", "heal", "restart", "slow-handler", "legendButton", "diffGo",
    "diffMore", "removeAction", "removeAll"] as const;
  const se = STAGE_TEXT.en as unknown as Record<string, unknown>;
  const sz = STAGE_TEXT["zh-CN"] as unknown as Record<string, unknown>;
  for (const k of stage) if (typeof se[k] === "string" && typeof sz[k] === "string") out.push({ en: se[k] as string, zh: sz[k] as string, where: `stage ${k}` });
  const le = LIVE_TEXT.en as unknown as Record<string, unknown>;
  const lz = LIVE_TEXT["zh-CN"] as unknown as Record<string, unknown>;
  for (const k of ["hold", "release", "export", "stop"]) if (typeof le[k] === "string") out.push({ en: le[k] as string, zh: lz[k] as string, where: `live ${k}` });
  return out;
}
const BUTTONS = buttons();
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Prose without fenced blocks and code spans (a `Run` in code is not a button). */
function prose(md: string): string {
  return md.replace(/^```[^\n]*\n[\s\S]*?^```[ \t]*$/gm, "").replace(/`[^`\n]*`/g, "``");
}

/** Buttons the prose presses: "点击**X**", "按下 X", "**X** 按钮", "Press **X**", "click X". */
function pressed(text: string, locale: "en" | "zh-CN"): string[] {
  const names: string[] = [];
  const verbs = locale === "en" ? /\b(?:[Pp]ress|[Cc]lick|[Hh]it|[Tt]ap)\s+(?:the\s+)?\*\*([^*\n]+)\*\*/g : /(?:点击|单击|按下|按)\s*\*\*([^*\n]+)\*\*/g;
  for (const m of text.matchAll(verbs)) names.push(m[1]!.trim());
  const noun = locale === "en" ? /\*\*([^*\n]+)\*\*\s+button/g : /\*\*([^*\n]+)\*\*\s*按钮/g;
  for (const m of text.matchAll(noun)) names.push(m[1]!.trim());
  return names;
}

describe("the catalogue this test reads", () => {
  it("has the main buttons, with a Chinese label for each", () => {
    expect(BUTTONS.find((b) => b.en === "Run")?.zh).toBe("运行");
    expect(BUTTONS.length).toBeGreaterThan(40);
    for (const b of BUTTONS) expect(b.zh, b.where).toMatch(/\p{Script=Han}/u);
  });

  it("finds pressed buttons in both languages, and an English label left in Chinese prose", () => {
    expect(pressed("Press **Run** (or Ctrl+Enter).", "en")).toEqual(["Run"]);
    expect(pressed("按下**运行**，再点击 **导出为 trace**；**重置**按钮", "zh-CN")).toEqual(["运行", "导出为 trace", "重置"]);
    expect(englishLabelsIn("然后点击 Run，或者按 **Reset**。")).toEqual(["Run", "Reset"]);
  });
});

/** English button labels used as a button in Chinese prose ("点击 Run", "**Reset**", "Diff 按钮"). */
function englishLabelsIn(text: string): string[] {
  const found: string[] = [];
  for (const b of BUTTONS) {
    const label = esc(b.en);
    const asButton = new RegExp(`(?:点击|单击|按下|按)\\s*\\*{0,2}${label}\\b|\\*\\*${label}\\*\\*|\\b${label}\\*{0,2}\\s*按钮`);
    const m = asButton.exec(text);
    if (m !== null) found.push(b.en);
  }
  return found.sort((a, b) => text.indexOf(a) - text.indexOf(b));
}

describe.each(folders)("lessons/%s", (id) => {
  const files = (locale: "en" | "zh-CN") => (locale === "en" ? ["lesson.md", "hints.md"] : ["lesson.zh-CN.md", "hints.zh-CN.md"])
    .filter((f) => existsSync(join(LESSONS, id, f)));

  it("the Chinese prose names buttons by their Chinese labels", () => {
    for (const f of files("zh-CN")) {
      const text = prose(readFileSync(join(LESSONS, id, f), "utf8"));
      expect(englishLabelsIn(text), `lessons/${id}/${f}: English button labels in Chinese prose`).toEqual([]);
    }
  });

  it.each(["en", "zh-CN"] as const)("every button the %s prose presses exists under that label", (locale) => {
    const labels = new Set(BUTTONS.map((b) => (locale === "en" ? b.en : b.zh)));
    for (const f of files(locale)) {
      for (const name of pressed(prose(readFileSync(join(LESSONS, id, f), "utf8")), locale)) {
        expect(labels.has(name), `lessons/${id}/${f}: "${name}" is not a button label of the ${locale} UI`).toBe(true);
      }
    }
  });
});

/**
 * Issue 20 item 4: the sandbox's fault list names each fault by the button the learner clicks under
 * Actions → Faults (the command bar's spelling may follow in code), in both languages.
 */
describe("the sandbox's fault list names the buttons the learner clicks", () => {
  const FAULTS = ["drop-watch", "compact", "partition", "partition-timeout", "heal", "restart", "slow-handler"] as const;
  it.each([["en", "lesson.md", "## Faults"], ["zh-CN", "lesson.zh-CN.md", "## 故障"]] as const)("%s", (locale, file, heading) => {
    const md = readFileSync(join(LESSONS, "sandbox", file), "utf8");
    const start = md.indexOf(`\n${heading}\n`);
    expect(start, `lessons/sandbox/${file} has a "${heading}" section`).toBeGreaterThan(0);
    const end = md.indexOf("\n## ", start + 1);
    const section = md.slice(start, end < 0 ? undefined : end);
    const text = STAGE_TEXT[locale] as unknown as Record<string, unknown> & { actionsMenu: string; actionGroups: { faults: string } };
    const labels = new Set([text.actionsMenu, text.actionGroups.faults, ...FAULTS.map((k) => text[k] as string)]);
    const bold = [...section.matchAll(/\*\*([^*\n]+)\*\*/g)].map((m) => m[1]!);
    for (const name of bold) expect(labels.has(name), `lessons/sandbox/${file}: **${name}** is not a label under ${text.actionsMenu} → ${text.actionGroups.faults}`).toBe(true);
    for (const k of FAULTS) expect(bold, `lessons/sandbox/${file} never names the ${k} button ("${text[k] as string}")`).toContain(text[k]);
    // Each bullet opens with the button's name, not the command bar's.
    for (const m of section.matchAll(/^- (.*)$/gm)) expect(m[1], `lessons/sandbox/${file}`).toMatch(/^\*\*/);
  });
});
