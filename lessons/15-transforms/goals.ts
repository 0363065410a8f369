/**
 * Lesson 15b goals: a transform shrinks what the cache keeps, without taking what readers need.
 * - transform-strips: no object written to the indexer carries managedFields or the last-applied
 *   annotation (the transform ran on every list item, watch event and update, before the cache);
 * - keeps-labels: every add logs `in: <name> tier=<tier>` with the pod's tier (a transform that drops
 *   labels, or all of metadata, fails here);
 * - tombstone-last-state: the delete that arrives as a tombstone after the relist logs
 *   `out: <name> tier=<tier>` from the tombstone's last known state (`obj.obj`), not by guessing.
 */
import { type Pod } from "../../src/index.js";
import { callEnd, callbackOf, defineMessages, events, expectedLine, fail, goal, handlerThrew, linesDuring, objectAt, pass, type Check, type Ev, type Goal, type RunResult } from "../_lib/goal-kit.js";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

const M = defineMessages("transforms", {
  nothingCached: {
    en: "Nothing was ever written to the indexer.",
    "zh-CN": "从来没有任何对象写入 Indexer。",
  },
  fat: {
    en: "{key} was cached at step {step} with {what}: set a transform (before `start`) that drops it.",
    "zh-CN": "{key} 在第 {step} 步写入缓存时仍带着 {what}：请（在 `start` 之前）设置一个把它去掉的转换函数。",
  },
  noAdds: {
    en: "No `addFunc` call was made: register a handler on the pod informer.",
    "zh-CN": "`addFunc` 从未被调用：请在 Pod Informer 上注册处理函数。",
  },
  labelLost: {
    en: "`{callback}` for {key} (step {step}) printed no tier, but the pod is labelled tier={want}: the transform must keep `metadata.labels`.",
    "zh-CN": "第 {step} 步，`{callback}` 处理 {key} 时没有打印出 tier，而这个 Pod 的标签是 tier={want}：转换函数必须保留 `metadata.labels`。",
  },
  noTombstone: {
    en: "No delete arrived as a tombstone (the relist after the partition should bring one for a pod deleted meanwhile).",
    "zh-CN": "没有任何删除以墓碑的形式到达（分区之后的重新 LIST 应该为期间被删除的 Pod 带来一个墓碑）。",
  },
});

const tierAt = (obj: unknown): string => String((obj as Pod | undefined)?.metadata?.labels?.["tier"]);
const nameOfKey = (key: string) => key.slice(key.indexOf("/") + 1);
/** The call printed `<prefix> <name> tier=<its tier>`; else the reason (a thrown error, a lost label, another line). */
function tierLine(run: RunResult, call: Ev<"handler.called">, prefix: string): Check | undefined {
  const tier = tierAt(objectAt(run, call.key, call.resourceVersion));
  const head = `${prefix} ${nameOfKey(call.key)} tier=`;
  const lines = linesDuring(run, call);
  if (lines.includes(head + tier)) return undefined;
  const threw = threwIn(run, call);
  if (threw !== undefined) return handlerThrew(threw);
  // the label is gone from the object the handler got: say so, rather than quote "tier=undefined"
  if (lines.some((l) => l === `${head}undefined` || l === head)) {
    return fail(M.labelLost({ callback: callbackOf(call.notification), key: call.key, step: call.seq, want: tier }), call.seq);
  }
  return expectedLine(run, call, head + tier);
}

/** The handler.threw that ended this call, if it threw. */
const threwIn = (run: RunResult, call: Ev<"handler.called">) =>
  events(run, "handler.threw", (t) => t.seq === callEnd(run, call) && t.listener === call.listener && t.name === call.name)[0];

const goals: Goal[] = [
  goal({
    id: "transform-strips",
    title: {
      en: "Keep less (`setTransform`): no object written to the indexer carries `metadata.managedFields` or the last-applied annotation",
      "zh-CN": "少存一点（`setTransform`）：写入 Indexer 的对象都不带 `metadata.managedFields` 和 last-applied 注解",
    },
    check(run) {
      const writes = events(run, "indexer.write").filter((w) => w.op !== "delete");
      if (writes.length === 0) return fail(M.nothingCached());
      for (const w of writes) {
        const meta = (w.object as Pod | undefined)?.metadata;
        if (meta?.managedFields !== undefined) return fail(M.fat({ key: w.key, step: w.seq, what: "metadata.managedFields" }), w.seq);
        if (meta?.annotations?.[LAST_APPLIED] !== undefined) return fail(M.fat({ key: w.key, step: w.seq, what: LAST_APPLIED }), w.seq);
      }
      return pass;
    },
  }),
  goal({
    id: "keeps-labels",
    title: {
      en: "Keep what readers need: every `addFunc` logs `in: <name> tier=<tier>` with the pod's own tier label",
      "zh-CN": "保留读者需要的东西：每次 `addFunc` 都打印 `in: <name> tier=<tier>`，tier 是这个 Pod 自己的标签",
    },
    check(run) {
      const adds = events(run, "handler.called", (c) => c.notification === "add" && c.name === "pods");
      if (adds.length === 0) return fail(M.noAdds());
      for (const call of adds) {
        const problem = tierLine(run, call, "in:");
        if (problem !== undefined) return problem;
      }
      return pass;
    },
  }),
  goal({
    id: "tombstone-last-state",
    title: {
      en: "A delete that arrives as a tombstone logs `out: <name> tier=<tier>` from the tombstone's last known state (`obj.obj`)",
      "zh-CN": "以墓碑形式到达的删除打印 `out: <name> tier=<tier>`，tier 取自墓碑保存的最后已知状态（`obj.obj`）",
    },
    check(run) {
      const calls = events(run, "handler.called", (c) => c.notification === "delete" && c.tombstone === true && c.name === "pods");
      if (calls.length === 0) return fail(M.noTombstone());
      for (const call of calls) {
        const problem = tierLine(run, call, "out:");
        if (problem !== undefined) return problem;
      }
      return pass;
    },
  }),
];

export default { goals, seeds: 3 };
