/**
 * Narration reads like prose (#21 item 8): every trace event of every lesson's solution and starter, on
 * the lesson's goal seeds (and lesson 03 with every stage action), narrated in English and Chinese, is
 * checked for what the review found: raw floats, "with 0", a/an errors, internal tokens, possessives of
 * plurals, "1 items", "410 Gone", and in Chinese ASCII glued to CJK, stray spaces, and terms other than
 * the glossary's (lessons/glossary.zh-CN.md). Free text the learner or the server wrote (log lines, error
 * messages) is replaced by a placeholder before the checks: only our own words are judged.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runScenario, type Goal, type Playground, type Scenario, type TimedOp } from "../../../src/scenario/index.js";
import { goalSeeds } from "../../../src/scenario/check-goals.js";
import { narrate, type Locale } from "../../../src/sim/narration.js";
import { asKnown, type KnownTraceEvent, type TraceEvent } from "../../../src/sim/trace.js";

const LESSONS = resolve(__dirname, "../../../lessons");
const lessonIds = readdirSync(LESSONS)
  .filter((n) => existsSync(join(LESSONS, n, "scenario.ts")) && existsSync(join(LESSONS, n, "solution.ts")))
  .sort();

type Main = (ctx: Playground) => void | Promise<void>;
async function load<T>(id: string, file: string): Promise<T> {
  return ((await import(pathToFileURL(join(LESSONS, id, file)).href)) as { default: T }).default;
}

/** Every stage action once (the op kinds a learner can add), early in the run. */
const EVERY_ACTION: TimedOp[] = [
  { at: 1_000, op: "label", resource: "pods", namespace: "default", name: "web-1", labels: { touched: "yes" } },
  { at: 1_100, op: "fault", fault: "dropWatches" },
  { at: 1_200, op: "slowHandler", handler: 0, delayMs: 1535.11 },
  { at: 1_300, op: "fault", fault: "compact" },
  { at: 1_400, op: "fault", fault: "partition" },
  { at: 4_000, op: "fault", fault: "heal" },
  { at: 4_500, op: "fault", fault: "partition", mode: "timeout" },
  { at: 5_000, op: "fault", fault: "heal" },
  { at: 5_500, op: "fault", fault: "restart" },
  { at: 6_000, op: "delete", resource: "pods", namespace: "default", name: "no-such-pod" },
];

/** The event with its free text (learner's log lines, error messages) replaced by a placeholder. */
function ownWords(e: KnownTraceEvent): KnownTraceEvent {
  const copy = { ...e } as Record<string, unknown>;
  for (const field of ["text", "message"]) if (typeof copy[field] === "string") copy[field] = "MSG";
  if (e.kind === "runner.op" && typeof copy.detail === "string" && copy.detail.startsWith("failed: ")) copy.detail = "failed: MSG";
  return copy as unknown as KnownTraceEvent;
}

// Identifiers of the client-go API that prose may name as they are.
const API_WORDS = new Set([
  "resourceVersion", "sendInitialEvents", "timeoutSeconds", "isInInitialList", "addFunc", "updateFunc", "deleteFunc",
  "hasSynced", "waitForCacheSync", "OnAdd", "OnUpdate", "OnDelete", "DeletedFinalStateUnknown", "DeltaFIFO", "RealFIFO",
  "ReplacedAll", "SyncAll", "AtomicFIFO", "ConnectionLost", "InternalError", "AlreadyExists", "NotFound", "TooManyRequests",
  "ServiceUnavailable", "BadRequest", "MethodNotAllowed", "ResourceExpired", "ResourceVersionTooLarge", "kubectl",
]);
/** Tokens of our own code that must never reach a learner. */
const INTERNAL = /\b(unknownDelete|dedupDelete|resyncQueued|tooShort|slowConsumer|dropWatches|slowHandler|watchError|realAtomic|eventLimit|listenerAdded|fifoKind)\b/;

export function problemsEn(s: string): string[] {
  const out: string[] = [];
  const unquoted = s.replace(/"[^"]*"/g, "\"\"");
  if (/\d\.\d{3,}/.test(s) || /\d\.\d+ ms\b/.test(s)) out.push("raw float");
  if (/\bwith 0\b/.test(s)) out.push("\"with 0\"");
  if (/(^|\s)a [aeiou]/i.test(unquoted.replace(/(^|\s)a (one|once|user|unique|use)/gi, ""))) out.push("\"a\" before a vowel");
  if (/(^|\s)an [b-df-hj-np-tv-z]/i.test(unquoted.replace(/(^|\s)an (hour|RV|HTTP|X)/g, ""))) out.push("\"an\" before a consonant");
  if (INTERNAL.test(s)) out.push("internal token");
  for (const w of unquoted.match(/\b[a-z]+[A-Z][A-Za-z]*\b/g) ?? []) if (!API_WORDS.has(w)) out.push(`camelCase token ${w}`);
  if (/\b\w+s's\b/.test(s)) out.push("possessive of a plural");
  if (/\b1 (items|keys|objects|entries|listeners|tombstones|calls|watches|pods|requests|events|notifications)\b/.test(s)) out.push("\"1 <plural>\"");
  if (/\b([02-9]|\d\d+) (item|key|object|entry|listener|tombstone|call|watch|pod|request|event|notification)\b(?!-| delete)/.test(s)) out.push("plural count with a singular noun");
  if (/410 Gone/.test(s)) out.push("410 Gone (the lessons say 410 Expired)");
  if (/undefined|NaN|\[object Object\]|\bnull\b/.test(s)) out.push("undefined/NaN/null");
  if (/ {2}| [.,;:)]|\( /.test(s)) out.push("stray space");
  if (/\bis now (backoff|stopped)\b/.test(s)) out.push("state word used as prose");
  if (/(^|\. )Reflector [a-z]/.test(s)) out.push("\"Reflector pods\" instead of \"the pods Reflector\"");
  if (!/^[A-Z"]/.test(s)) out.push("does not start with a capital");
  if (!/[.!?]$|MSG$/.test(s)) out.push("no final punctuation");
  return out;
}

const HAN = "\\u4e00-\\u9fff";
export function problemsZh(s: string): string[] {
  const out: string[] = [];
  if (/\d\.\d{3,}/.test(s) || /\d\.\d+ 毫秒/.test(s)) out.push("raw float");
  if (INTERNAL.test(s)) out.push("internal token");
  if (new RegExp(`[A-Za-z0-9][${HAN}]|[${HAN}][A-Za-z0-9]`).test(s)) out.push("ASCII glued to CJK (the glossary puts a space between)");
  if (new RegExp(`[${HAN}] +[${HAN}]`).test(s)) out.push("space between CJK characters");
  if (/ [，。；：（）、]|[，。；：（、] /.test(s)) out.push("space next to full-width punctuation");
  if (/API 服务器/.test(s)) out.push("API 服务器 (glossary: API Server)");
  if (/\bProcessor\b/.test(s)) out.push("Processor (glossary: 共享处理器)");
  if (/重新 list|\brelist/.test(s)) out.push("relist (glossary: 重新 LIST)");
  if (/调谐/.test(s)) out.push("调谐 (glossary: 协调)");
  if (/410 Gone/.test(s)) out.push("410 Gone (the lessons say 410 Expired)");
  if (/\b(listing|watching|backoff|stopped|success|requeue|closed|dropped|expired|items?|with|from|the|and|of)\b/.test(s.replace(/"[^"]*"/g, ""))) out.push("English prose word");
  if (/undefined|NaN|\[object Object\]|\bnull\b/.test(s)) out.push("undefined/NaN/null");
  if (!/[。！？]$|MSG$/.test(s)) out.push("no final 。");
  return out;
}

async function sentences(): Promise<Map<string, { locale: Locale; where: string }>> {
  const out = new Map<string, { locale: Locale; where: string }>();
  const add = (trace: readonly TraceEvent[], where: string) => {
    for (const raw of trace) {
      const e = ownWords(asKnown(raw));
      for (const locale of ["en", "zh-CN"] as const) {
        const s = narrate(e, locale);
        if (!out.has(s)) out.set(s, { locale, where: `${where} step ${raw.seq} (${raw.kind})` });
      }
    }
  };
  for (const id of lessonIds) {
    const scenario = await load<Scenario>(id, "scenario.ts");
    const goals = existsSync(join(LESSONS, id, "goals.ts")) ? await load<{ goals: Goal[]; seeds?: number }>(id, "goals.ts") : { seeds: 0 };
    for (const file of ["solution.ts", "starter.ts"]) {
      if (!existsSync(join(LESSONS, id, file))) continue;
      const main = await load<Main>(id, file);
      for (const seed of goalSeeds(scenario, goals.seeds ?? 0)) {
        const run = await runScenario({ ...scenario, seed }, main);
        add(run.trace, `${id}/${file} seed ${seed}`);
      }
    }
  }
  const id = lessonIds.find((n) => n.startsWith("03-"))!;
  const run = await runScenario(await load<Scenario>(id, "scenario.ts"), await load<Main>(id, "solution.ts"), EVERY_ACTION);
  add(run.trace, `${id} with every action`);
  return out;
}

describe("narration reads like prose, in every lesson", () => {
  it("finds lessons to read", () => {
    expect(lessonIds.length).toBeGreaterThanOrEqual(17);
  });

  it("has no raw floats, 'with 0', a/an errors, internal tokens or glossary slips in en and zh-CN", async () => {
    const all = await sentences();
    const problems: string[] = [];
    for (const [s, { locale, where }] of all) {
      const found = locale === "en" ? problemsEn(s) : problemsZh(s);
      for (const p of found) problems.push(`${p} — ${where}: ${s}`);
    }
    // One line per (problem kind, kind of event), so a failure is readable.
    const seen = new Set<string>();
    const unique = problems.filter((p) => {
      const k = p.replace(/ — .*\(([^)]*)\): [\s\S]*$/, " $1");
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    console.log(`[narration-prose] ${all.size} distinct sentences checked (en + zh-CN)`);
    expect(unique).toEqual([]);
    expect(all.size).toBeGreaterThan(500);
  }, 600_000);

  it("the checks can fail: the review's sentences are caught", () => {
    expect(problemsEn("Reflector pods backs off for 1535.1132011041045 ms before retrying.")).toContain("raw float");
    expect(problemsEn("API server answered the watch of pods with 0.")).toContain("\"with 0\"");
    expect(problemsEn("API server received a update request.")).toContain("\"a\" before a vowel");
    expect(problemsEn("Reflector pods is now backoff.")).toContain("state word used as prose");
    expect(problemsEn("The pods's watch ended.")).toContain("possessive of a plural");
    expect(problemsEn("DeltaFIFO skipped Deleted for default/web-1 (unknownDelete).")).toContain("internal token");
    expect(problemsEn("Older watches will get 410 Gone.")).toContain("410 Gone (the lessons say 410 Expired)");
    expect(problemsZh("Processor 把 新增 default/web-1 分发给监听器。")).toEqual(
      expect.arrayContaining(["space between CJK characters", "Processor (glossary: 共享处理器)"]));
    expect(problemsZh("退避 1469.805165939033 毫秒后重试。")).toContain("raw float");
    expect(problemsZh("API 服务器收到请求。")).toContain("API 服务器 (glossary: API Server)");
    expect(problemsZh("Reflector现在处于 backoff 状态。")).toEqual(
      expect.arrayContaining(["ASCII glued to CJK (the glossary puts a space between)", "English prose word"]));
  });
});
