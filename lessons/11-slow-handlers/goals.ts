import { type Goal, type RunResult, type TraceKind } from "../../src/index.js";
import { callbackOf, callOf, defineMessages, events, fail, goal, pass, type Ev } from "../_lib/goal-kit.js";

const M = defineMessages("slow-handlers", {
  noDashboardLine: {
    en: "{key} reached the cache at step {step}, but no \"dashboard: {name}\" line was logged at all.",
    "zh-CN": "{key} 在第 {step} 步进入缓存，但日志里根本没有“dashboard: {name}”这一行。",
  },
  notFromSecondHandler: {
    en: "\"dashboard: {name}\" (step {step}) was not logged by a second handler's `addFunc` for {key} ({where}): register the dashboard as its own handler instead of polling the lister.",
    "zh-CN": "“dashboard: {name}”（第 {step} 步）不是由第二个处理函数处理 {key} 的 `addFunc` 打印的（{where}）：请把仪表盘注册成独立的处理函数，而不是轮询 Lister。",
  },
  outsideHandler: { en: "it was printed outside any handler", "zh-CN": "它是在处理函数之外打印的" },
  inCall: {
    en: "it was printed in listener #{listener}'s `{callback}` for {callKey}",
    "zh-CN": "它是在 {listener} 号 listener 的 `{callback}` 处理 {callKey} 时打印的",
  },
  dashboardLate: {
    en: "\"dashboard: {name}\" came {lag} after the pod reached the cache (limit 200 ms; logged at step {step}).",
    "zh-CN": "“dashboard: {name}”在 Pod 进入缓存 {lag}之后才出现（上限 200 毫秒；第 {step} 步打印）。",
  },
  neverCalled: {
    en: "No handler was ever called.",
    "zh-CN": "没有任何处理函数被调用过。",
  },
  neverFinished: {
    en: "Handler #0 never finished the add for {key} (created at step {step}).",
    "zh-CN": "0 号处理函数始终没有处理完 {key} 的 add（它在第 {step} 步创建）。",
  },
  smallPeak: {
    en: "Handler #0's buffer peaked at {peak} pending (expected at least 5).",
    "zh-CN": "0 号处理函数的缓冲区最多只有 {peak} 条待处理（至少应达到 5 条）。",
  },
  oneListener: {
    en: "There is only one listener: register a second handler.",
    "zh-CN": "只有一个 listener：请注册第二个处理函数。",
  },
  slowListener: {
    en: "Listener #{listener} took {took} to handle {notification} {key} (buffered at step {step}; limit 200 ms).",
    "zh-CN": "{listener} 号 listener 用了 {took}才处理 {key} 的 {notification}（第 {step} 步进入缓冲区；上限 200 毫秒）。",
  },
  forever: { en: "forever", "zh-CN": "无限长的时间" },
});

type At<K extends TraceKind> = Ev<K>;

/** Pods that exist on the server at some point: key → time of their ADDED write. */
function podCreations(run: RunResult): Map<string, At<"server.write">> {
  const out = new Map<string, At<"server.write">>();
  for (const w of events(run, "server.write")) {
    if (w.resource === "pods" && w.type === "ADDED" && !out.has(w.key)) out.set(w.key, w);
  }
  return out;
}

/** The slowed handler is the first registered one: the lowest listener number that was called. */
function slowListener(run: RunResult): number | undefined {
  const ids = events(run, "handler.called").map((h) => h.listener);
  return ids.length === 0 ? undefined : Math.min(...ids);
}

const nameOf = (key: string) => key.slice(key.indexOf("/") + 1);

/** When each pod key first reached the informer's cache (its first indexer.write add). */
function cachedAt(run: RunResult): Map<string, At<"indexer.write">> {
  const out = new Map<string, At<"indexer.write">>();
  for (const w of events(run, "indexer.write")) if (w.op === "add" && !out.has(w.key)) out.set(w.key, w);
  return out;
}

const goals: Goal[] = [
  goal({
    id: "dashboard-fresh",
    title: {
      en: "The dashboard keeps flowing: a second handler's `addFunc` logs `dashboard: <name>` within 200 ms of every pod reaching the cache (`indexer.write`)",
      "zh-CN": "仪表盘保持畅通：每个 Pod 进入缓存（`indexer.write`）后 200 毫秒内，第二个处理函数的 `addFunc` 打印出 `dashboard: <name>`",
    },
    check(run) {
      for (const [key, write] of cachedAt(run)) {
        const line = run.log.find((l) => l.text.trim() === `dashboard: ${nameOf(key)}`);
        if (!line) return fail(M.noDashboardLine({ key, step: write.seq, name: nameOf(key) }), write.seq);
        const call = callOf(run, line.step);
        if (call === undefined || call.key !== key || call.listener === slowListener(run)) {
          const where = call === undefined ? M.outsideHandler()
            : M.inCall({ listener: call.listener, callback: callbackOf(call.notification), callKey: call.key });
          return fail(M.notFromSecondHandler({ name: nameOf(key), step: line.step, key, where }), line.step);
        }
        const lag = line.time - write.time;
        if (lag > 200) return fail(M.dashboardLate({ name: nameOf(key), lag: { ms: lag }, step: line.step }), line.step);
      }
      return pass;
    },
  }),
  goal({
    id: "audit-gets-everything",
    title: {
      en: "Nothing is dropped: the slow handler #0 (`addFunc`) still returns from an add for every pod by the end",
      "zh-CN": "什么都不会丢：慢的 0 号处理函数（`addFunc`）到最后仍为每一个 Pod 处理完 add",
    },
    check(run) {
      const slow = slowListener(run);
      if (slow === undefined) return fail(M.neverCalled());
      const done = new Set(events(run, "handler.returned").filter((h) => h.listener === slow && h.notification === "add").map((h) => h.key));
      for (const [key, write] of podCreations(run)) {
        if (!done.has(key)) return fail(M.neverFinished({ key, step: write.seq }), write.seq);
      }
      return pass;
    },
  }),
  goal({
    id: "buffers-per-listener",
    title: {
      en: "One buffer per listener: handler #0's buffer (`listener.buffered`) reaches 5 pending, while a second handler (a second `addEventHandler`) handles each notification within 200 ms of its arrival",
      "zh-CN": "每个 listener 一个缓冲区：0 号处理函数的缓冲区（`listener.buffered`）达到 5 条待处理，而第二个处理函数（第二次 `addEventHandler`）在每条通知到达后 200 毫秒内就处理它",
    },
    check(run) {
      const slow = slowListener(run);
      const buffered = events(run, "listener.buffered");
      const slowPeak = buffered.filter((b) => b.listener === slow).reduce((m, b) => Math.max(m, b.pending), 0);
      if (slowPeak < 5) return fail(M.smallPeak({ peak: slowPeak }));
      const others = buffered.filter((b) => b.listener !== slow);
      if (others.length === 0) return fail(M.oneListener());
      const calls = events(run, "handler.called").filter((h) => h.listener !== slow);
      for (const b of others) {
        const call = calls.find((h) => h.seq > b.seq && h.listener === b.listener && h.key === b.key &&
          h.notification === b.notification && h.resourceVersion === b.resourceVersion);
        if (!call || call.time - b.time > 200) {
          const took = call ? { ms: call.time - b.time } : M.forever();
          return fail(M.slowListener({ listener: b.listener, took, notification: b.notification, key: b.key, step: b.seq }), b.seq);
        }
      }
      return pass;
    },
  }),
];

export default { goals, seeds: 3 };
