import { type Goal, type RunResult, type TraceKind } from "../../src/index.js";
import { events, type Ev } from "../_lib/goal-kit.js";
import scenario from "./scenario.js";

type At<K extends TraceKind> = Ev<K>;

const initialKeys = scenario.initial
  .filter((i) => i.resource === "pods")
  .map((i) => `${i.object.metadata.namespace ?? ""}/${i.object.metadata.name}`);

function readyLine(run: RunResult) {
  return run.log.find((l) => l.text.startsWith("ready:"));
}

const goals: Goal[] = [
  {
    id: "informer-synced-first",
    title: {
      en: "Wait for the informer (`cache.waitForCacheSync`, `hasSynced`): when `ready:` is logged, the indexer already holds every initial pod",
      "zh-CN": "等待 informer（`cache.waitForCacheSync`、`hasSynced`）：打印 `ready:` 时，indexer 里已经有全部初始 pod",
    },
    check(run) {
      const line = readyLine(run);
      if (!line) return { pass: false, message: "main never logged a `ready:` line" };
      const cached = new Set(events(run, "indexer.write").filter((w) => w.seq < line.step && w.op !== "delete").map((w) => w.key));
      const missing = initialKeys.filter((k) => !cached.has(k));
      return missing.length === 0
        ? { pass: true }
        : { pass: false, failedAtStep: line.step,
            message: `\`ready:\` was logged while ${missing.length} of ${initialKeys.length} initial pods were not in the indexer yet (${missing.join(", ")})` };
    },
  },
  {
    id: "registration-synced-first",
    title: {
      en: "Wait for your handler too (the registration's `hasSynced`): when `ready:` is logged, `addFunc` has returned for every initial pod",
      "zh-CN": "也要等待你的 handler（注册句柄的 `hasSynced`）：打印 `ready:` 时，`addFunc` 已经为每个初始 pod 返回",
    },
    check(run) {
      const line = readyLine(run);
      if (!line) return { pass: false, message: "main never logged a `ready:` line" };
      const handled = new Set(events(run, "handler.returned").filter((h) => h.seq < line.step && h.notification === "add").map((h) => h.key));
      const missing = initialKeys.filter((k) => !handled.has(k));
      return missing.length === 0
        ? { pass: true }
        : { pass: false, failedAtStep: line.step,
            message: `\`ready:\` was logged while the handler had not yet handled ${missing.length} initial add(s): ${missing.join(", ")}` };
    },
  },
  {
    id: "ready-line-true",
    title: {
      en: "Log exactly one line `ready: lister=N handler=M` with both N and M equal to the number of initial pods",
      "zh-CN": "只打印一行 `ready: lister=N handler=M`，且 N 和 M 都等于初始 pod 的数量",
    },
    check(run) {
      const lines = run.log.filter((l) => l.text.startsWith("ready:"));
      if (lines.length !== 1) {
        return { pass: false, message: `expected one \`ready:\` line, got ${lines.length}`, failedAtStep: lines[1]?.step };
      }
      const line = lines[0]!;
      const m = /lister=(\d+)\s+handler=(\d+)/.exec(line.text);
      const want = initialKeys.length;
      if (!m) return { pass: false, failedAtStep: line.step, message: `could not read \`lister=N handler=M\` in "${line.text}"` };
      return Number(m[1]) === want && Number(m[2]) === want
        ? { pass: true }
        : { pass: false, failedAtStep: line.step, message: `"${line.text}": both numbers should be ${want}` };
    },
  },
];

export default { goals, seeds: 3 };
