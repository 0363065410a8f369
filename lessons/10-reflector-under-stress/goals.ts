/**
 * Lesson 10 goals: follow lastSyncResourceVersion through drops, two partitions and the relists; ignore
 * same-RV replays; see exactly what the watch error handler is told (only failed ListAndWatch calls).
 */
import type { RunResult } from "../../src/index.js";
import { defineMessages, events, expectedLine, fail, goal, linesDuring, nameOf, pass, type Ev, type Goal } from "../_lib/goal-kit.js";

const M = defineMessages("reflector-under-stress", {
  tooFewRv: {
    en: "Only {count} \"rv=\" lines; log one every second (at least {wanted} in this run).",
    "zh-CN": "只有 {count} 行“rv=”；请每秒打印一行（本次运行至少 {wanted} 行）。",
  },
  wrongRv: {
    en: "At step {step} the Reflector's last resourceVersion was \"{current}\", but you logged \"{line}\".",
    "zh-CN": "第 {step} 步时 Reflector 最后的 resourceVersion 是“{current}”，而你打印的是“{line}”。",
  },
  silentPartition: {
    en: "No \"rv=\" line between the partition (step {from}) and the heal (step {to}): keep logging while the resourceVersion is frozen.",
    "zh-CN": "网络分区（第 {from} 步）到恢复（第 {to} 步）之间没有任何“rv=”行：resourceVersion 冻结期间也要继续打印。",
  },
  replayLogged: {
    en: "{key} came back unchanged in `updateFunc` at step {step} (resourceVersion {rv} both times), but you logged \"{line}\".",
    "zh-CN": "第 {step} 步，{key} 以未变化的状态回到 `updateFunc`（两次的 resourceVersion 都是 {rv}），你却打印了“{line}”。",
  },
  noRealUpdate: {
    en: "No real update reached `updateFunc`: is it registered?",
    "zh-CN": "没有任何真正的更新到达 `updateFunc`：它注册了吗？",
  },
  noHandlerCall: {
    en: "ListAndWatch failed at step {step} (\"{message}\"), but no watch error handler of yours was called: register one with `podInformer.setWatchErrorHandler(fn)` before `factory.start`.",
    "zh-CN": "第 {step} 步 ListAndWatch 失败了（“{message}”），却没有调用你的 watch 错误处理函数：请在 `factory.start` 之前用 `podInformer.setWatchErrorHandler(fn)` 注册一个。",
  },
  noListAndWatchFailure: {
    en: "No ListAndWatch failed in this run, so the watch error handler never had anything to report.",
    "zh-CN": "本次运行中没有任何一次 ListAndWatch 失败，watch 错误处理函数无事可报。",
  },
  handlerLine: {
    en: "At step {step} your watch error handler was called with \"{message}\"; it should log \"{want}\"; it logged {saw}.",
    "zh-CN": "第 {step} 步，你的 watch 错误处理函数收到“{message}”；应打印“{want}”，实际打印的是：{saw}。",
  },
  errorOutsideHandler: {
    en: "\"{line}\" (step {step}) was not logged by your watch error handler: log what the handler is given, inside it.",
    "zh-CN": "“{line}”（第 {step} 步）不是由你的 watch 错误处理函数打印的：请在处理函数内部打印它收到的错误。",
  },
  noReplay: {
    en: "The relist's same-version updates never reached `updateFunc`.",
    "zh-CN": "重新 LIST 产生的同版本更新从未到达 `updateFunc`。",
  },
});

const rvLog: Goal = goal({
  id: "rv-log",
  title: {
    en: "Log `rv=<RV>` from `lastSyncResourceVersion()` every second (`sleep(1000)`), each equal to the Reflector's last resourceVersion at that step",
    "zh-CN": "每秒（`sleep(1000)`）用 `lastSyncResourceVersion()` 打印 `rv=<RV>`，每个值都等于那一步时 Reflector 最后的 resourceVersion",
  },
  check(run) {
    const rvEvents = events(run, "reflector.rv");
    const lines = run.log.filter((l) => l.text.startsWith("rv="));
    const durationMs = events(run, "runner.start")[0]?.durationMs ?? 0;
    const wanted = Math.floor(durationMs / 1000) - 2;
    if (lines.length < wanted) {
      return fail(M.tooFewRv({ count: lines.length, wanted }), lines.at(-1)?.step);
    }
    let i = 0;
    let current = "";
    for (const line of lines) {
      while (i < rvEvents.length && rvEvents[i]!.seq < line.step) current = rvEvents[i++]!.resourceVersion;
      if (line.text !== `rv=${current}`) {
        return fail(M.wrongRv({ step: line.step, current, line: line.text }), line.step);
      }
    }
    // Every partition, both kinds: the number freezes while the network is down; keep logging it.
    const heals = events(run, "fault.injected", (e) => e.fault === "heal");
    for (const frozen of events(run, "fault.injected", (e) => e.fault === "partition")) {
      const healed = heals.find((h) => h.seq > frozen.seq);
      if (healed !== undefined && !lines.some((l) => l.step > frozen.seq && l.step < healed.seq)) {
        return fail(M.silentPartition({ from: frozen.seq, to: healed.seq }), healed.seq);
      }
    }
    return pass;
  },
});

const changedOnly: Goal = goal({
  id: "changed-only",
  title: {
    en: "In `updateFunc`, log `changed <name> rv=<RV>` exactly when `metadata.resourceVersion` changed, never for same-version relist replays",
    "zh-CN": "在 `updateFunc` 中，恰好在 `metadata.resourceVersion` 变化时打印 `changed <name> rv=<RV>`，重新 LIST 的同版本重放一律不打印",
  },
  check(run) {
    const updates = events(run, "handler.called", (e) => e.notification === "update" && e.listener === 0);
    let replays = 0;
    let changes = 0;
    for (const call of updates) {
      const lines = linesDuring(run, call).filter((t) => t.startsWith("changed "));
      if (call.oldResourceVersion === call.resourceVersion) {
        replays++;
        if (lines.length > 0) {
          return fail(M.replayLogged({ key: call.key, step: call.seq, rv: call.resourceVersion, line: lines[0]! }), call.seq);
        }
      } else {
        changes++;
        const want = `changed ${nameOf(call.key)} rv=${call.resourceVersion}`;
        if (!lines.includes(want)) return expectedLine(run, call, want);
      }
    }
    if (changes === 0) return fail(M.noRealUpdate());
    if (replays === 0) return fail(M.noReplay());
    return pass;
  },
});

/** The step right after a watch error handler call: the Reflector's next event (its backoff), or the end. */
function handlerEnd(run: RunResult, call: Ev<"reflector.watchErrorHandler">): number {
  const next = run.trace.find((e) => e.seq > call.seq && e.component === "reflector");
  return next?.seq ?? run.trace.length + 1;
}

const watchErrorHandler: Goal = goal({
  id: "watch-error-handler",
  title: {
    en: "Register a watch error handler (`podInformer.setWatchErrorHandler`, before `factory.start`) that logs `watch error: <message>` with the error it is given, every time it is called",
    "zh-CN": "在 `factory.start` 之前用 `podInformer.setWatchErrorHandler` 注册一个 watch 错误处理函数，每次被调用时用它收到的错误打印 `watch error: <message>`",
  },
  check(run) {
    const calls = events(run, "reflector.watchErrorHandler");
    if (calls.length === 0) {
      // A failed LIST (not a refused one, which is retried in place) ends ListAndWatch with its error.
      const failed = events(run, "reflector.list.error", (e) => e.reason !== "ConnectionRefused" && e.reason !== "TooManyRequests")[0];
      return failed !== undefined
        // the error ListAndWatch returned: reflector.go list() wraps the request's ("failed to list *v1.Pod: …")
        ? fail(M.noHandlerCall({ step: failed.seq, message: `failed to list ${failed.type ?? failed.name}: ${failed.message}` }), failed.seq)
        : fail(M.noListAndWatchFailure());
    }
    const inside = new Set<number>();
    for (const call of calls) {
      const end = handlerEnd(run, call);
      const lines = run.log.filter((l) => l.step > call.seq && l.step < end);
      for (const l of lines) inside.add(l.step);
      const want = `watch error: ${call.message}`;
      if (!lines.some((l) => l.text === want)) {
        return fail(M.handlerLine({ step: call.seq, message: call.message, want, saw: { lines: lines.map((l) => l.text) } }), call.seq);
      }
    }
    const outside = run.log.find((l) => l.text.startsWith("watch error") && !inside.has(l.step));
    return outside !== undefined ? fail(M.errorOutsideHandler({ line: outside.text, step: outside.step }), outside.step) : pass;
  },
});

export default { goals: [rvLog, changedOnly, watchErrorHandler], seeds: 5 };
