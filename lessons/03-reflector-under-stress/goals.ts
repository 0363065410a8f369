/** Lesson 03 goals: follow lastSyncResourceVersion through drops, a partition and a relist; ignore same-RV replays. */
import { events, fail, goal, linesDuring, nameOf, pass, type Goal } from "../_lib/goal-kit.js";

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
      return fail(`Only ${lines.length} "rv=" lines; log one every second (at least ${wanted} in this run).`, lines.at(-1)?.step);
    }
    let i = 0;
    let current = "";
    for (const line of lines) {
      while (i < rvEvents.length && rvEvents[i]!.seq < line.step) current = rvEvents[i++]!.resourceVersion;
      if (line.text !== `rv=${current}`) {
        return fail(`At this step the Reflector's last resourceVersion was "${current}", but you logged "${line.text}".`, line.step);
      }
    }
    const frozen = events(run, "fault.injected", (e) => e.fault === "partition")[0];
    const healed = events(run, "fault.injected", (e) => e.fault === "heal")[0];
    if (frozen !== undefined && healed !== undefined && !lines.some((l) => l.step > frozen.seq && l.step < healed.seq)) {
      return fail("Keep logging during the partition: that is when the resourceVersion freezes.", healed.seq);
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
          return fail(`${call.key} came back unchanged (resourceVersion ${call.resourceVersion} both times) but you logged "${lines[0]}".`, call.seq);
        }
      } else {
        changes++;
        const want = `changed ${nameOf(call.key)} rv=${call.resourceVersion}`;
        if (!lines.includes(want)) return fail(`${call.key} really changed: expected "${want}".`, call.seq);
      }
    }
    if (changes === 0) return fail("No real update reached updateFunc: is it registered?");
    if (replays === 0) return fail("The relist's same-version updates never reached updateFunc.");
    return pass;
  },
});

export default { goals: [rvLog, changedOnly], seeds: 5 };
