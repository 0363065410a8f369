import { type Goal, type RunResult, type TraceKind } from "../../src/index.js";
import { callOf, events, type Ev } from "../_lib/goal-kit.js";

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
  {
    id: "dashboard-fresh",
    title: {
      en: "The dashboard keeps flowing: a second handler's `addFunc` logs `dashboard: <name>` within 200 ms of every pod reaching the cache (`indexer.write`)",
      "zh-CN": "仪表盘保持畅通：每个 Pod 进入缓存（`indexer.write`）后 200 毫秒内，第二个处理函数的 `addFunc` 打印出 `dashboard: <name>`",
    },
    check(run) {
      for (const [key, write] of cachedAt(run)) {
        const line = run.log.find((l) => l.text.trim() === `dashboard: ${nameOf(key)}`);
        if (!line) return { pass: false, failedAtStep: write.seq, message: `no \`dashboard: ${nameOf(key)}\` line at all` };
        const call = callOf(run, line.step);
        if (call === undefined || call.key !== key || call.listener === slowListener(run)) {
          return { pass: false, failedAtStep: line.step,
                   message: `\`dashboard: ${nameOf(key)}\` was not logged by a second handler's add for ${key}: ` +
                     "register the dashboard as its own handler instead of polling the lister" };
        }
        const lag = line.time - write.time;
        if (lag > 200) {
          return { pass: false, failedAtStep: line.step,
                   message: `\`dashboard: ${nameOf(key)}\` came ${lag} ms after the pod reached the cache (limit 200 ms)` };
        }
      }
      return { pass: true };
    },
  },
  {
    id: "audit-gets-everything",
    title: {
      en: "Nothing is dropped: the slow handler #0 (`addFunc`) still returns from an add for every pod by the end",
      "zh-CN": "什么都不会丢：慢的 0 号处理函数（`addFunc`）到最后仍为每一个 Pod 处理完 add",
    },
    check(run) {
      const slow = slowListener(run);
      if (slow === undefined) return { pass: false, message: "no handler was ever called" };
      const done = new Set(events(run, "handler.returned").filter((h) => h.listener === slow && h.notification === "add").map((h) => h.key));
      for (const [key, write] of podCreations(run)) {
        if (!done.has(key)) return { pass: false, failedAtStep: write.seq, message: `handler #0 never finished the add for ${key}` };
      }
      return { pass: true };
    },
  },
  {
    id: "buffers-per-listener",
    title: {
      en: "One buffer per listener: handler #0's buffer (`listener.buffered`) reaches 5 pending, while a second handler (a second `addEventHandler`) handles each notification within 200 ms of its arrival",
      "zh-CN": "每个 listener 一个缓冲区：0 号处理函数的缓冲区（`listener.buffered`）达到 5 条待处理，而第二个处理函数（第二次 `addEventHandler`）在每条通知到达后 200 毫秒内就处理它",
    },
    check(run) {
      const slow = slowListener(run);
      const buffered = events(run, "listener.buffered");
      const slowPeak = buffered.filter((b) => b.listener === slow).reduce((m, b) => Math.max(m, b.pending), 0);
      if (slowPeak < 5) return { pass: false, message: `handler #0's buffer peaked at ${slowPeak} pending (expected at least 5)` };
      const others = buffered.filter((b) => b.listener !== slow);
      if (others.length === 0) return { pass: false, message: "there is only one listener: register a second handler" };
      const calls = events(run, "handler.called").filter((h) => h.listener !== slow);
      for (const b of others) {
        const call = calls.find((h) => h.seq > b.seq && h.listener === b.listener && h.key === b.key &&
          h.notification === b.notification && h.resourceVersion === b.resourceVersion);
        if (!call || call.time - b.time > 200) {
          return { pass: false, failedAtStep: b.seq,
                   message: `listener #${b.listener} took ${call ? `${call.time - b.time} ms` : "forever"} to handle ${b.notification} ${b.key}` };
        }
      }
      return { pass: true };
    },
  },
];

export default { goals, seeds: 3 };
