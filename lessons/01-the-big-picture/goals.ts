/**
 * Lesson 01 goals: the printer of the blog walk-through it starts from, checked against what the informer did (the trace),
 * not only against the log.
 */
import { callbackOf, defineMessages, events, expectedLine, fail, goal, handlerThrew, linesDuring, nameOf, pass, type Ev, type Goal, type RunResult } from "../_lib/goal-kit.js";

const M = defineMessages("big-picture", {
  noHandler: {
    en: "No event handler was registered on an informer.",
    "zh-CN": "没有在任何 Informer 上注册事件处理函数。",
  },
  resync: {
    en: "The handler's resync period is {period} (step {step}); the blog program uses 30 s (`30_000`).",
    "zh-CN": "第 {step} 步注册的处理函数的 resync 周期是 {period}；博客里的程序用的是 30 秒（`30_000`）。",
  },
  neverListed: {
    en: "The informer never listed pods: did you call `factory.start(stop)`?",
    "zh-CN": "Informer 从未 LIST 过 Pod：你调用 `factory.start(stop)` 了吗？",
  },
  noAdd: {
    en: "No add notification reached your handler.",
    "zh-CN": "没有任何 add 通知到达你的处理函数。",
  },
  noUpdate: {
    en: "No update notification reached your handler: is `updateFunc` there?",
    "zh-CN": "没有任何 update 通知到达你的处理函数：你写了 `updateFunc` 吗？",
  },
  noDeleteInScenario: {
    en: "The scenario deleted no pod (unexpected).",
    "zh-CN": "场景中没有删除任何 Pod（这不应该发生）。",
  },
  otherCallbackLine: {
    en: "`{callback}` for {key} (step {step}) also logged \"{line}\": each callback logs only its own line (an add is not an update, and neither is a delete).",
    "zh-CN": "第 {step} 步，`{callback}` 处理 {key} 时还打印了“{line}”：每个回调只打印它自己的那一行（add 不是 update，也不是 delete）。",
  },
  deleteNeverCalled: {
    en: "{key} was deleted on the server at step {step}, but `deleteFunc` was never called for it.",
    "zh-CN": "{key} 在第 {step} 步被服务器删除，但 `deleteFunc` 从未因它被调用。",
  },
});

/** A "Pod added/updated/deleted: …" line logged during `call` that belongs to another callback. */
function otherCallbacksLine(run: RunResult, call: Ev<"handler.called">) {
  const own = { add: "added", update: "updated", delete: "deleted" }[call.notification];
  const line = linesDuring(run, call).find((t) => /^Pod (added|updated|deleted): /.test(t) && !t.startsWith(`Pod ${own}: `));
  return line === undefined ? undefined
    : fail(M.otherCallbackLine({ callback: callbackOf(call.notification), key: call.key, step: call.seq, line }), call.seq);
}

const registered: Goal = goal({
  id: "one-handler-30s",
  title: {
    en: "Register a handler on the Pod informer of `informers.newSharedInformerFactory(clientset, 30_000)` (a 30 s resync) and start the factory",
    "zh-CN": "在 `informers.newSharedInformerFactory(clientset, 30_000)`（30 秒 resync）的 Pod Informer 上注册处理函数，并启动工厂",
  },
  check(run) {
    const added = events(run, "processor.listenerAdded");
    if (added.length === 0) return fail(M.noHandler());
    const at30 = added.find((e) => e.resyncPeriodMs === 30_000);
    if (at30 === undefined) {
      return fail(M.resync({ period: { ms: added[0]!.resyncPeriodMs }, step: added[0]!.seq }), added[0]!.seq);
    }
    if (events(run, "reflector.list.start").length === 0) return fail(M.neverListed());
    return pass;
  },
});

const addsAndUpdates: Goal = goal({
  id: "adds-and-updates",
  title: {
    en: "Each `addFunc` call logs `Pod added: <name>` and each `updateFunc` call logs `Pod updated: <name>` (no callback logs another one's line)",
    "zh-CN": "每次调用 `addFunc` 打印 `Pod added: <name>`，每次调用 `updateFunc` 打印 `Pod updated: <name>`（回调不打印别的回调的那一行）",
  },
  check(run) {
    const calls = events(run, "handler.called", (e) => e.listener === 0 && e.notification !== "delete");
    if (!calls.some((c) => c.notification === "add")) return fail(M.noAdd());
    if (!calls.some((c) => c.notification === "update")) return fail(M.noUpdate());
    for (const call of calls) {
      const want = `Pod ${call.notification === "add" ? "added" : "updated"}: ${nameOf(call.key)}`;
      if (!linesDuring(run, call).includes(want)) return expectedLine(run, call, want);
      const other = otherCallbacksLine(run, call);
      if (other !== undefined) return other;
    }
    return pass;
  },
});

const everyDelete: Goal = goal({
  id: "every-delete",
  title: {
    en: "Every pod deleted on the server reaches your `deleteFunc`, which logs `Pod deleted: <name>`",
    "zh-CN": "服务器上删除的每个 Pod 都到达你的 `deleteFunc`，并打印 `Pod deleted: <name>`",
  },
  check(run) {
    const deleted = events(run, "server.write", (e) => e.type === "DELETED" && e.resource === "pods");
    if (deleted.length === 0) return fail(M.noDeleteInScenario());
    const calls = events(run, "handler.called", (e) => e.listener === 0 && e.notification === "delete");
    for (const d of deleted) {
      const call = calls.find((c) => c.key === d.key && c.seq > d.seq);
      if (call === undefined) return fail(M.deleteNeverCalled({ key: d.key, step: d.seq }), d.seq);
      const lines = linesDuring(run, call);
      const name = nameOf(d.key);
      if (!lines.includes(`Pod deleted: ${name}`) && !lines.includes(`Pod deleted: ${d.key}`)) {
        return expectedLine(run, call, `Pod deleted: ${name}`, lines);
      }
      const other = otherCallbacksLine(run, call);
      if (other !== undefined) return other;
    }
    return pass;
  },
});

const noCrash: Goal = goal({
  id: "no-handler-error",
  title: {
    en: "No handler throws (in Go, a panic in a handler would crash the program)",
    "zh-CN": "没有处理函数抛出异常（在 Go 中，处理函数里的 panic 会让程序崩溃）",
  },
  check(run) {
    const threw = events(run, "handler.threw")[0];
    if (threw !== undefined) return handlerThrew(threw);
    return pass;
  },
});

export default { goals: [registered, addsAndUpdates, everyDelete, noCrash], seeds: 2 };
