import { type Goal, type RunResult, type TraceKind } from "../../src/index.js";
import { defineMessages, events, fail, goal, pass, type Ev } from "../_lib/goal-kit.js";
import { initialKeys as initialOf } from "../_lib/goal-kit.js";

const M = defineMessages("wait-for-cache-sync", {
  noReady: {
    en: "main never logged a \"ready:\" line.",
    "zh-CN": "main 从未打印“ready:”行。",
  },
  notInIndexer: {
    en: "\"{line}\" was logged at step {step} while {missing} of {total} initial pods were not in the indexer yet ({keys}).",
    "zh-CN": "第 {step} 步打印“{line}”时，{total} 个初始 Pod 中还有 {missing} 个不在 Indexer 里（{keys}）。",
  },
  notHandled: {
    en: "\"{line}\" was logged at step {step} while the handler had not yet handled {missing} initial add(s): {keys}.",
    "zh-CN": "第 {step} 步打印“{line}”时，处理函数还有 {missing} 个初始 add 没有处理完：{keys}。",
  },
  notHandledBy: {
    en: "\"{line}\" was logged at step {step} while handler #{listener} had not yet handled {missing} initial add(s): {keys}. Wait for every registration (`registration.hasSynced` of each `addEventHandler`).",
    "zh-CN": "第 {step} 步打印“{line}”时，处理函数 #{listener} 还有 {missing} 个初始 add 没有处理完：{keys}。请等待每一个注册（每次 `addEventHandler` 返回的 `registration.hasSynced`）。",
  },
  fixedSleep: {
    en: "Your handler had finished the initial pods at {done}, but \"ready:\" came at {at} (step {step}): wait with `cache.waitForCacheSync` on both hasSynced functions (it checks every 100 ms), not with a fixed sleep.",
    "zh-CN": "你的处理函数在 {done}时已处理完初始 Pod，而“ready:”在 {at}才出现（第 {step} 步）：请用 `cache.waitForCacheSync` 等待两个 hasSynced 函数（它每 100 毫秒检查一次），不要用固定的 sleep。",
  },
  readyCount: {
    en: "Expected one \"ready:\" line, got {count}: {lines}.",
    "zh-CN": "应当只有一行“ready:”，实际有 {count} 行：{lines}。",
  },
  unreadable: {
    en: "Could not read `lister=N handler=M` in \"{line}\" (step {step}).",
    "zh-CN": "无法从“{line}”（第 {step} 步）中读出 `lister=N handler=M`。",
  },
  wrongNumbers: {
    en: "\"{line}\" (step {step}): both numbers should be {want}, the number of initial pods.",
    "zh-CN": "“{line}”（第 {step} 步）：两个数字都应为 {want}，即初始 Pod 的数量。",
  },
});

type At<K extends TraceKind> = Ev<K>;

/** The pods that existed before main() ran (they vary by seed). */
const initialKeysOf = (run: RunResult) => initialOf(run, "pods");

function readyLine(run: RunResult) {
  return run.log.find((l) => l.text.startsWith("ready:"));
}

const goals: Goal[] = [
  goal({
    id: "informer-synced-first",
    title: {
      en: "Wait for the informer (`cache.waitForCacheSync`, `hasSynced`): when `ready:` is logged, the indexer already holds every initial pod",
      "zh-CN": "等待 Informer（`cache.waitForCacheSync`、`hasSynced`）：打印 `ready:` 时，Indexer 里已经有全部初始 Pod",
    },
    check(run) {
      const line = readyLine(run);
      if (!line) return fail(M.noReady());
      const initialKeys = initialKeysOf(run);
      const cached = new Set(events(run, "indexer.write").filter((w) => w.seq < line.step && w.op !== "delete").map((w) => w.key));
      const missing = initialKeys.filter((k) => !cached.has(k));
      return missing.length === 0 ? pass
        : fail(M.notInIndexer({ line: line.text, step: line.step, missing: missing.length, total: initialKeys.length, keys: missing }), line.step);
    },
  }),
  goal({
    id: "registration-synced-first",
    title: {
      en: "Wait for your handler too (the registration's `hasSynced`): when `ready:` is logged, `addFunc` has returned for every initial pod, and `ready:` follows within 100 ms (`waitForCacheSync` checks every 100 ms; a fixed sleep does not)",
      "zh-CN": "也要等待你的处理函数（注册句柄的 `hasSynced`）：打印 `ready:` 时，`addFunc` 已经为每个初始 Pod 返回，并且 `ready:` 在 100 毫秒内紧随其后（`waitForCacheSync` 每 100 毫秒检查一次；固定的 sleep 做不到）",
    },
    check(run) {
      const line = readyLine(run);
      if (!line) return fail(M.noReady());
      const initialKeys = initialKeysOf(run);
      const returned = events(run, "handler.returned").filter((h) => h.seq < line.step && h.notification === "add" && h.name === "pods");
      // Every handler you registered before the sync (each has a registration to wait for), not just one.
      const listeners = [...new Set(events(run, "processor.listenerAdded", (e) => e.seq < line.step && e.name === "pods").map((e) => e.listener))];
      for (const listener of listeners.length > 0 ? listeners : [0]) {
        const handled = new Set(returned.filter((h) => h.listener === listener).map((h) => h.key));
        const missing = initialKeys.filter((k) => !handled.has(k));
        if (missing.length === 0) continue;
        return listeners.length > 1
          ? fail(M.notHandledBy({ line: line.text, step: line.step, listener, missing: missing.length, keys: missing }), line.step)
          : fail(M.notHandled({ line: line.text, step: line.step, missing: missing.length, keys: missing }), line.step);
      }
      const lastInitial = returned.filter((h) => initialKeys.includes(h.key)).at(-1);
      if (lastInitial !== undefined && line.time - lastInitial.time > 100) {
        return fail(M.fixedSleep({ done: { ms: lastInitial.time }, at: { ms: line.time }, step: line.step }), line.step);
      }
      return pass;
    },
  }),
  goal({
    id: "ready-line-true",
    title: {
      en: "Log exactly one line `ready: lister=N handler=M` with both N and M equal to the number of initial pods",
      "zh-CN": "只打印一行 `ready: lister=N handler=M`，且 N 和 M 都等于初始 Pod 的数量",
    },
    check(run) {
      const lines = run.log.filter((l) => l.text.startsWith("ready:"));
      if (lines.length !== 1) {
        return fail(M.readyCount({ count: lines.length, lines: { lines: lines.map((l) => l.text) } }), lines[1]?.step);
      }
      const line = lines[0]!;
      const m = /lister=(\d+)\s+handler=(\d+)/.exec(line.text);
      const want = initialKeysOf(run).length;
      if (!m) return fail(M.unreadable({ line: line.text, step: line.step }), line.step);
      return Number(m[1]) === want && Number(m[2]) === want ? pass : fail(M.wrongNumbers({ line: line.text, step: line.step, want }), line.step);
    },
  }),
];

export default { goals, seeds: 3 };
