/** Lesson 07 goals: survive the tombstone, report every delete exactly once, mark tombstones. */
import { callbackOf, defineMessages, events, expectedLine, fail, goal, linesDuring, pass, type Goal } from "../_lib/goal-kit.js";

const M = defineMessages("tombstones", {
  threw: {
    en: "Your `{callback}` threw on {key} (step {step}): {message}. In Go this panic would crash the controller.",
    "zh-CN": "第 {step} 步，你的 `{callback}` 处理 {key} 时抛出了异常：“{message}”。在 Go 中，这个 panic 会让控制器崩溃。",
  },
  noDelete: {
    en: "No pod was deleted on the server in this run.",
    "zh-CN": "本次运行中服务器没有删除任何 Pod。",
  },
  deleteCount: {
    en: "{key} was deleted on the server (step {step}); `deleteFunc` was called {count} times for it.",
    "zh-CN": "{key} 在第 {step} 步被服务器删除；`deleteFunc` 因它被调用了 {count} 次。",
  },
  notTombstone: {
    en: "`deleteFunc` received the real object for {key} at step {step}, not a tombstone, but you logged \"{line}\".",
    "zh-CN": "第 {step} 步，`deleteFunc` 收到的是 {key} 的真实对象，不是墓碑，你却打印了“{line}”。",
  },
  tombstoneLine: {
    en: "`deleteFunc` received a tombstone (`cache.DeletedFinalStateUnknown`) for {key} at step {step}: expected \"{want}\"; it logged {saw}.",
    "zh-CN": "第 {step} 步，`deleteFunc` 收到了 {key} 的墓碑（`cache.DeletedFinalStateUnknown`）：应打印“{want}”，实际打印的是：{saw}。",
  },
  noTombstone: {
    en: "No tombstone reached `deleteFunc`: is it registered?",
    "zh-CN": "没有任何墓碑到达 `deleteFunc`：它注册了吗？",
  },
});

const noHandlerError: Goal = goal({
  id: "no-handler-error",
  title: {
    en: "`deleteFunc` never throws: no `handler.threw` in the run",
    "zh-CN": "`deleteFunc` 永远不抛异常：运行中没有任何 `handler.threw`",
  },
  check(run) {
    const threw = events(run, "handler.threw")[0];
    if (threw !== undefined) {
      return fail(M.threw({ callback: callbackOf(threw.notification), key: threw.key, step: threw.seq, message: threw.message }), threw.seq);
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
    if (deleted.length === 0) return fail(M.noDelete());
    for (const d of deleted) {
      const calls = events(run, "handler.called", (e) => e.listener === 0 && e.notification === "delete" && e.key === d.key);
      if (calls.length !== 1) {
        return fail(M.deleteCount({ key: d.key, step: d.seq, count: calls.length }), calls[1]?.seq ?? d.seq);
      }
      const call = calls[0]!;
      if (!linesDuring(run, call).some((t) => t === `Pod deleted: ${d.key}` || t === `Pod deleted: ${d.key} (tombstone)`)) {
        return expectedLine(run, call, `Pod deleted: ${d.key}`);
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
        const want = `Pod deleted: ${call.key} (tombstone)`;
        if (!lines.includes(want)) return fail(M.tombstoneLine({ key: call.key, step: call.seq, want, saw: { lines } }), call.seq);
      } else {
        const marked = lines.find((t) => t.endsWith("(tombstone)"));
        if (marked !== undefined) return fail(M.notTombstone({ key: call.key, step: call.seq, line: marked }), call.seq);
      }
    }
    if (tombstones === 0) return fail(M.noTombstone());
    return pass;
  },
});

export default { goals: [noHandlerError, everyDelete, tombstone], seeds: 5 };
