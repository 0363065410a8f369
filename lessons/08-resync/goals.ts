/** Lesson 08 goals: skip resync no-ops, the 1 s floor for a per-handler period, count replays. */
import { events, fail, goal, linesDuring, nameOf, pass, type Goal, type RunResult } from "../_lib/goal-kit.js";

/** Handler A is the listener on the factory's 10 s period, B any other one (whatever order they were added in). */
function listeners(run: RunResult): { a: number | undefined; b: number | undefined } {
  const added = events(run, "processor.listenerAdded");
  const a = added.find((e) => e.resyncPeriodMs === 10_000)?.listener ?? added[0]?.listener;
  const b = added.find((e) => e.listener !== a)?.listener;
  return { a, b };
}

const skipNoop: Goal = goal({
  id: "skip-noop",
  title: {
    en: "Handler A's `updateFunc` logs `changed <name> rv=<RV>` only when `oldObj.metadata.resourceVersion !== newObj.metadata.resourceVersion`",
    "zh-CN": "处理函数 A 的 `updateFunc` 只在 `oldObj.metadata.resourceVersion !== newObj.metadata.resourceVersion` 时打印 `changed <name> rv=<RV>`",
  },
  check(run) {
    let replays = 0;
    let changes = 0;
    const { a } = listeners(run);
    for (const call of events(run, "handler.called", (e) => e.listener === a && e.notification === "update")) {
      const lines = linesDuring(run, call).filter((t) => t.startsWith("changed "));
      if (call.oldResourceVersion === call.resourceVersion) {
        replays++;
        if (lines.length > 0) return fail(`This is a resync replay of ${call.key} (resourceVersion ${call.resourceVersion} on both sides), but you logged "${lines[0]}".`, call.seq);
      } else {
        changes++;
        const want = `changed ${nameOf(call.key)} rv=${call.resourceVersion}`;
        if (!lines.includes(want)) return fail(`${call.key} really changed: expected "${want}".`, call.seq);
      }
    }
    if (changes === 0) return fail("Handler A's updateFunc never saw the real change of web-1: is it registered with addEventHandler?");
    if (replays === 0) return fail("Handler A never received a resync replay: is the factory's default resync 10_000 ms?");
    return pass;
  },
});

const resyncFloor: Goal = goal({
  id: "resync-floor",
  title: {
    en: "Handler B is registered with `addEventHandlerWithResyncPeriod(handler, 500)`; `processor.listenerAdded` shows its period raised to the 1 s floor (1000 ms)",
    "zh-CN": "处理函数 B 用 `addEventHandlerWithResyncPeriod(handler, 500)` 注册；`processor.listenerAdded` 显示它的周期被提高到 1 秒的下限（1000 毫秒）",
  },
  check(run) {
    const added = events(run, "processor.listenerAdded");
    const ids = listeners(run);
    const b = added.find((e) => e.listener === ids.b);
    if (b === undefined) return fail(`Only ${added.length} handler(s) registered: add handler B with addEventHandlerWithResyncPeriod.`);
    if (b.resyncPeriodMs !== 1000) return fail(`Handler B's effective resync period is ${b.resyncPeriodMs} ms; ask for 500 ms and let the informer raise it to 1 s.`, b.seq);
    const a = added.find((e) => e.listener === ids.a);
    if (a !== undefined && a.resyncPeriodMs !== 10_000) return fail(`Handler A's period is ${a.resyncPeriodMs} ms; it should use the factory's 10_000 ms default.`, a.seq);
    const started = events(run, "reflector.list.start")[0];
    if (started !== undefined && b.seq > started.seq) return fail("Handler B was added after the informer started: its period was raised to the check period instead.", b.seq);
    return pass;
  },
});

const resyncCount: Goal = goal({
  id: "resync-count",
  title: {
    en: "Handler B logs `resync <n>`, a running count, for every same-version update it receives",
    "zh-CN": "处理函数 B 对收到的每次同版本更新打印 `resync <n>`，n 是累计计数",
  },
  check(run) {
    let n = 0;
    const { b } = listeners(run);
    for (const call of events(run, "handler.called", (e) => b !== undefined && e.listener === b && e.notification === "update")) {
      const lines = linesDuring(run, call).filter((t) => t.startsWith("resync "));
      if (call.oldResourceVersion === call.resourceVersion) {
        n++;
        if (!lines.includes(`resync ${n}`)) return fail(`Replay number ${n} (${call.key}) reached handler B: expected "resync ${n}".`, call.seq);
      } else if (lines.length > 0) {
        return fail(`${call.key} really changed here; "${lines[0]}" counts it as a resync.`, call.seq);
      }
    }
    if (n < 10) return fail(`Handler B received only ${n} resync replays; with a 1 s period it should get one per pod every second.`);
    return pass;
  },
});

export default { goals: [skipNoop, resyncFloor, resyncCount], seeds: 3 };
