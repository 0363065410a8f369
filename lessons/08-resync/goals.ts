/** Lesson 08 goals: skip resync no-ops, the 1 s floor for a per-handler period, count replays. */
import { defineMessages, events, expectedLine, fail, goal, linesDuring, nameOf, pass, type Goal, type RunResult } from "../_lib/goal-kit.js";

const M = defineMessages("resync", {
  replayLogged: {
    en: "Step {step} is a resync replay of {key} to handler A (resourceVersion {rv} on both sides), but its `updateFunc` logged \"{line}\".",
    "zh-CN": "第 {step} 步是 {key} 发给处理函数 A 的 resync 重放（两边的 resourceVersion 都是 {rv}），它的 `updateFunc` 却打印了“{line}”。",
  },
  noRealChange: {
    en: "Handler A's `updateFunc` never saw the real change of web-1: is it registered with `addEventHandler`?",
    "zh-CN": "处理函数 A 的 `updateFunc` 从未看到 web-1 的真实变化：它是用 `addEventHandler` 注册的吗？",
  },
  noReplayA: {
    en: "Handler A never received a resync replay: is the factory's default resync 10_000 ms?",
    "zh-CN": "处理函数 A 从未收到 resync 重放：工厂的默认 resync 是 10_000 毫秒吗？",
  },
  onlyHandlers: {
    en: "Only {count} handler(s) registered: add handler B with `addEventHandlerWithResyncPeriod`.",
    "zh-CN": "只注册了 {count} 个处理函数：请用 `addEventHandlerWithResyncPeriod` 添加处理函数 B。",
  },
  periodB: {
    en: "Handler B's effective resync period is {period} (step {step}); ask for 500 ms and let the informer raise it to 1 s.",
    "zh-CN": "处理函数 B 实际的 resync 周期是 {period}（第 {step} 步）；请申请 500 毫秒，让 Informer 把它提高到 1 秒。",
  },
  askedB: {
    en: "Handler B was registered with a resync period of {asked} (step {step}); register it with 500 ms, below the 1 s minimum, and see the informer raise it to 1000 ms.",
    "zh-CN": "处理函数 B 注册时申请的 resync 周期是 {asked}（第 {step} 步）；请用 500 毫秒（低于 1 秒的下限）注册它，看 Informer 把它提高到 1000 毫秒。",
  },
  periodA: {
    en: "Handler A's period is {period} (step {step}); it should use the factory's 10_000 ms default.",
    "zh-CN": "处理函数 A 的周期是 {period}（第 {step} 步）；它应使用工厂的默认值 10_000 毫秒。",
  },
  bLate: {
    en: "Handler B was added at step {step}, after the informer started (step {started}): its period was raised to the check period instead.",
    "zh-CN": "处理函数 B 在第 {step} 步才添加，晚于 Informer 启动（第 {started} 步）：它的周期因此被提高到了检查周期。",
  },
  replayCount: {
    en: "Replay number {n} ({key}) reached handler B at step {step}: expected \"{want}\"; it logged {saw}.",
    "zh-CN": "第 {step} 步，第 {n} 次重放（{key}）到达处理函数 B：应打印“{want}”，实际打印的是：{saw}。",
  },
  countedChange: {
    en: "{key} really changed at step {step}; \"{line}\" counts it as a resync.",
    "zh-CN": "第 {step} 步 {key} 是真的变化了；“{line}”却把它算成了一次 resync。",
  },
  fewReplays: {
    en: "Handler B received only {n} resync replays; with a 1 s period it should get one per pod every second.",
    "zh-CN": "处理函数 B 只收到 {n} 次 resync 重放；周期为 1 秒时，它每秒应为每个 Pod 收到一次。",
  },
});

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
        if (lines.length > 0) return fail(M.replayLogged({ step: call.seq, key: call.key, rv: call.resourceVersion, line: lines[0]! }), call.seq);
      } else {
        changes++;
        const want = `changed ${nameOf(call.key)} rv=${call.resourceVersion}`;
        if (!lines.includes(want)) return expectedLine(run, call, want);
      }
    }
    if (changes === 0) return fail(M.noRealChange());
    if (replays === 0) return fail(M.noReplayA());
    return pass;
  },
});

const resyncFloor: Goal = goal({
  id: "resync-floor",
  title: {
    en: "Handler B is registered with `addEventHandlerWithResyncPeriod(handler, 500)`; `processor.listenerAdded` shows the 500 ms it asked for raised to the 1 s floor (1000 ms)",
    "zh-CN": "处理函数 B 用 `addEventHandlerWithResyncPeriod(handler, 500)` 注册；`processor.listenerAdded` 显示它申请的 500 毫秒被提高到 1 秒的下限（1000 毫秒）",
  },
  check(run) {
    const added = events(run, "processor.listenerAdded");
    const ids = listeners(run);
    const b = added.find((e) => e.listener === ids.b);
    if (b === undefined) return fail(M.onlyHandlers({ count: added.length }));
    if (b.resyncPeriodMs !== 1000) return fail(M.periodB({ period: { ms: b.resyncPeriodMs }, step: b.seq }), b.seq);
    // The trace carries the asked period only when the informer changed it: 1000 asked is 1000 kept.
    const asked = b.requestedResyncMs ?? b.resyncPeriodMs;
    if (asked !== 500) return fail(M.askedB({ asked: { ms: asked }, step: b.seq }), b.seq);
    const a = added.find((e) => e.listener === ids.a);
    if (a !== undefined && a.resyncPeriodMs !== 10_000) return fail(M.periodA({ period: { ms: a.resyncPeriodMs }, step: a.seq }), a.seq);
    const started = events(run, "reflector.list.start")[0];
    if (started !== undefined && b.seq > started.seq) return fail(M.bLate({ step: b.seq, started: started.seq }), b.seq);
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
        if (!lines.includes(`resync ${n}`)) {
          return fail(M.replayCount({ n, key: call.key, step: call.seq, want: `resync ${n}`, saw: { lines: linesDuring(run, call) } }), call.seq);
        }
      } else if (lines.length > 0) {
        return fail(M.countedChange({ key: call.key, step: call.seq, line: lines[0]! }), call.seq);
      }
    }
    if (n < 10) return fail(M.fewReplays({ n }));
    return pass;
  },
});

export default { goals: [skipNoop, resyncFloor, resyncCount], seeds: 3 };
