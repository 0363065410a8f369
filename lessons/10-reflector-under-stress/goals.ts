/** Lesson 10 goals: follow lastSyncResourceVersion through drops, a partition and a relist; ignore same-RV replays. */
import { defineMessages, events, expectedLine, fail, goal, linesDuring, nameOf, pass, type Goal } from "../_lib/goal-kit.js";

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
    const frozen = events(run, "fault.injected", (e) => e.fault === "partition")[0];
    const healed = events(run, "fault.injected", (e) => e.fault === "heal")[0];
    if (frozen !== undefined && healed !== undefined && !lines.some((l) => l.step > frozen.seq && l.step < healed.seq)) {
      return fail(M.silentPartition({ from: frozen.seq, to: healed.seq }), healed.seq);
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

export default { goals: [rvLog, changedOnly], seeds: 5 };
