import { type Goal, type RunResult, type TraceKind } from "../../src/index.js";
import { events, type Ev } from "../_lib/goal-kit.js";
import { initialKeys as initialOf } from "../_lib/goal-kit.js";

type At<K extends TraceKind> = Ev<K>;

/** The pods that existed before main() ran (they vary by seed). */
const initialKeysOf = (run: RunResult) => initialOf(run, "pods");

function readyLine(run: RunResult) {
  return run.log.find((l) => l.text.startsWith("ready:"));
}

const goals: Goal[] = [
  {
    id: "informer-synced-first",
    title: {
      en: "Wait for the informer (`cache.waitForCacheSync`, `hasSynced`): when `ready:` is logged, the indexer already holds every initial pod",
      "zh-CN": "等待 Informer（`cache.waitForCacheSync`、`hasSynced`）：打印 `ready:` 时，indexer 里已经有全部初始 Pod",
    },
    check(run) {
      const line = readyLine(run);
      if (!line) return { pass: false, message: "main never logged a `ready:` line" };
      const initialKeys = initialKeysOf(run);
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
      en: "Wait for your handler too (the registration's `hasSynced`): when `ready:` is logged, `addFunc` has returned for every initial pod, and `ready:` follows within 100 ms (`waitForCacheSync` checks every 100 ms; a fixed sleep does not)",
      "zh-CN": "也要等待你的处理函数（注册句柄的 `hasSynced`）：打印 `ready:` 时，`addFunc` 已经为每个初始 Pod 返回，并且 `ready:` 在 100 毫秒内紧随其后（`waitForCacheSync` 每 100 毫秒检查一次；固定的 sleep 做不到）",
    },
    check(run) {
      const line = readyLine(run);
      if (!line) return { pass: false, message: "main never logged a `ready:` line" };
      const initialKeys = initialKeysOf(run);
      const returned = events(run, "handler.returned").filter((h) => h.seq < line.step && h.notification === "add");
      const handled = new Set(returned.map((h) => h.key));
      const missing = initialKeys.filter((k) => !handled.has(k));
      if (missing.length > 0) {
        return { pass: false, failedAtStep: line.step,
          message: `\`ready:\` was logged while the handler had not yet handled ${missing.length} initial add(s): ${missing.join(", ")}` };
      }
      const lastInitial = returned.filter((h) => initialKeys.includes(h.key)).at(-1);
      if (lastInitial !== undefined && line.time - lastInitial.time > 100) {
        return { pass: false, failedAtStep: line.step,
          message: `your handler had finished the initial pods at ${lastInitial.time} ms, but \`ready:\` came at ${line.time} ms: ` +
            "wait with cache.waitForCacheSync on both hasSynced functions (it checks every 100 ms), not with a fixed sleep" };
      }
      return { pass: true };
    },
  },
  {
    id: "ready-line-true",
    title: {
      en: "Log exactly one line `ready: lister=N handler=M` with both N and M equal to the number of initial pods",
      "zh-CN": "只打印一行 `ready: lister=N handler=M`，且 N 和 M 都等于初始 Pod 的数量",
    },
    check(run) {
      const lines = run.log.filter((l) => l.text.startsWith("ready:"));
      if (lines.length !== 1) {
        return { pass: false, message: `expected one \`ready:\` line, got ${lines.length}`, failedAtStep: lines[1]?.step };
      }
      const line = lines[0]!;
      const m = /lister=(\d+)\s+handler=(\d+)/.exec(line.text);
      const want = initialKeysOf(run).length;
      if (!m) return { pass: false, failedAtStep: line.step, message: `could not read \`lister=N handler=M\` in "${line.text}"` };
      return Number(m[1]) === want && Number(m[2]) === want
        ? { pass: true }
        : { pass: false, failedAtStep: line.step, message: `"${line.text}": both numbers should be ${want}` };
    },
  },
];

export default { goals, seeds: 3 };
