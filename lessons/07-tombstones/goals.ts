/** Lesson 07 goals: survive the tombstone, report every delete exactly once, mark tombstones. */
import { events, fail, goal, linesDuring, pass, type Goal } from "../_lib/goal-kit.js";

const noHandlerError: Goal = goal({
  id: "no-handler-error",
  title: {
    en: "`deleteFunc` never throws: no `handler.threw` in the run",
    "zh-CN": "`deleteFunc` 永远不抛异常：运行中没有任何 `handler.threw`",
  },
  check(run) {
    const threw = events(run, "handler.threw")[0];
    if (threw !== undefined) {
      return fail(`Your ${threw.notification} handler threw on ${threw.key}: ${threw.message}. In Go this panic would crash the controller.`, threw.seq);
    }
    return pass;
  },
});

const everyDelete: Goal = goal({
  id: "every-delete",
  title: {
    en: "Every pod deleted on the server reaches `deleteFunc` exactly once and is logged as `Pod deleted: <namespace>/<name>`, tombstones included",
    "zh-CN": "服务器上每个被删除的 Pod 都恰好到达 `deleteFunc` 一次，并打印为 `Pod deleted: <namespace>/<name>`，墓碑也包括在内",
  },
  check(run) {
    const deleted = events(run, "server.write", (e) => e.resource === "pods" && e.type === "DELETED");
    if (deleted.length === 0) return fail("No pod was deleted on the server in this run.");
    for (const d of deleted) {
      const calls = events(run, "handler.called", (e) => e.listener === 0 && e.notification === "delete" && e.key === d.key);
      if (calls.length !== 1) {
        return fail(`${d.key} was deleted on the server; deleteFunc was called ${calls.length} times for it.`, calls[1]?.seq ?? d.seq);
      }
      const call = calls[0]!;
      if (!linesDuring(run, call).some((t) => t === `Pod deleted: ${d.key}` || t === `Pod deleted: ${d.key} (tombstone)`)) {
        return fail(`deleteFunc for ${d.key} should log "Pod deleted: ${d.key}".`, call.seq);
      }
    }
    return pass;
  },
});

const tombstone: Goal = goal({
  id: "tombstone",
  title: {
    en: "When `deleteFunc` receives a `cache.DeletedFinalStateUnknown`, log `Pod deleted: <namespace>/<name> (tombstone)`",
    "zh-CN": "当 `deleteFunc` 收到一个 `cache.DeletedFinalStateUnknown` 时，打印 `Pod deleted: <namespace>/<name> (tombstone)`",
  },
  check(run) {
    let tombstones = 0;
    for (const call of events(run, "handler.called", (e) => e.listener === 0 && e.notification === "delete")) {
      const lines = linesDuring(run, call);
      if (call.tombstone === true) {
        tombstones++;
        if (!lines.includes(`Pod deleted: ${call.key} (tombstone)`)) {
          return fail(`deleteFunc received a tombstone for ${call.key}: expected "Pod deleted: ${call.key} (tombstone)".`, call.seq);
        }
      } else if (lines.some((t) => t.endsWith("(tombstone)"))) {
        return fail(`deleteFunc received the real object for ${call.key}, not a tombstone.`, call.seq);
      }
    }
    if (tombstones === 0) return fail("No tombstone reached deleteFunc: is it registered?");
    return pass;
  },
});

export default { goals: [noHandlerError, everyDelete, tombstone], seeds: 5 };
