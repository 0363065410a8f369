/** Lesson 06 goals: a serving set that honours deletionTimestamp, terminating and recreated pods. */
import type { KubeObject } from "../../src/index.js";
import { callbackOf, defineMessages, events, fail, goal, linesDuring, nameOf, objectAt, pass, type Goal, type RunResult } from "../_lib/goal-kit.js";

const M = defineMessages("event-handlers", {
  noNotification: {
    en: "No notification reached your handler.",
    "zh-CN": "没有任何通知到达你的处理函数。",
  },
  noServingLine: {
    en: "`{callback}` for {key} (step {step}) logged no \"serving: …\" line; it logged {saw}.",
    "zh-CN": "第 {step} 步，`{callback}` 处理 {key} 时没有打印“serving: …”行，实际打印的是：{saw}。",
  },
  wrongServing: {
    en: "After `{callback}` for {key} (step {step}) the serving pods are [{serving}]; you logged \"{line}\".",
    "zh-CN": "第 {step} 步 `{callback}` 处理 {key} 之后，正在服务的 Pod 是 [{serving}]；你打印的是“{line}”。",
  },
  justTerminating: {
    en: "{key} just got a deletionTimestamp at step {step}: `updateFunc` should log \"{want}\"; it logged {saw}.",
    "zh-CN": "第 {step} 步，{key} 刚被设置了 deletionTimestamp：`updateFunc` 应打印“{want}”，实际打印的是：{saw}。",
  },
  terminatingWrong: {
    en: "\"{line}\" logged in `updateFunc` for {key} (step {step}), but this update did not newly set deletionTimestamp.",
    "zh-CN": "第 {step} 步，`updateFunc` 处理 {key} 时打印了“{line}”，但这次更新并没有新设置 deletionTimestamp。",
  },
  noTerminatingUpdate: {
    en: "No update with a new deletionTimestamp reached `updateFunc`: is it registered?",
    "zh-CN": "没有任何新设置了 deletionTimestamp 的更新到达 `updateFunc`：它注册了吗？",
  },
  newUid: {
    en: "{key} has a new uid ({old} → {now}) at step {step}: `updateFunc` should log \"{want}\"; it logged {saw}.",
    "zh-CN": "第 {step} 步，{key} 的 uid 变了（{old} → {now}）：`updateFunc` 应打印“{want}”，实际打印的是：{saw}。",
  },
  recreatedWrong: {
    en: "\"{line}\" logged in `updateFunc` for {key} (step {step}), but the uid did not change.",
    "zh-CN": "第 {step} 步，`updateFunc` 处理 {key} 时打印了“{line}”，但 uid 并没有变化。",
  },
  noRecreated: {
    en: "No update with a changed uid reached `updateFunc`: is it registered?",
    "zh-CN": "没有任何 uid 变化的更新到达 `updateFunc`：它注册了吗？",
  },
});

const terminatingOf = (o: KubeObject | undefined) => o?.metadata.deletionTimestamp !== undefined && o?.metadata.deletionTimestamp !== null;

function sortedNames(set: Set<string>): string {
  return [...set].sort().join(",");
}

/** Serving pods according to the informer's cache just before `step`. */
function servingInCache(run: RunResult, step: number): Set<string> {
  const cache = new Map<string, boolean>();
  for (const w of events(run, "indexer.write", (e) => e.seq < step)) {
    if (w.op === "delete") cache.delete(w.key);
    else cache.set(w.key, terminatingOf(w.object ?? objectAt(run, w.key, w.resourceVersion)));
  }
  return new Set([...cache].filter(([, going]) => !going).map(([k]) => nameOf(k)));
}

const serving: Goal = goal({
  id: "serving",
  title: {
    en: "In every callback, log `serving: <names>`: the pods present without `metadata.deletionTimestamp`, sorted",
    "zh-CN": "在每个回调里打印 `serving: <names>`：存在且没有 `metadata.deletionTimestamp` 的 Pod，排好序",
  },
  check(run) {
    const calls = events(run, "handler.called", (e) => e.listener === 0);
    if (calls.length === 0) return fail(M.noNotification());
    const told = new Set<string>();
    for (const call of calls) {
      const name = nameOf(call.key);
      if (call.notification === "delete") told.delete(name);
      else if (terminatingOf(objectAt(run, call.key, call.resourceVersion))) told.delete(name);
      else told.add(name);
      const all = linesDuring(run, call);
      const last = all.filter((t) => t.startsWith("serving: ")).at(-1);
      const where = { callback: callbackOf(call.notification), key: call.key, step: call.seq };
      if (last === undefined) return fail(M.noServingLine({ ...where, saw: { lines: all } }), call.seq);
      const fromNotifications = `serving: ${sortedNames(told)}`;
      const fromCache = `serving: ${sortedNames(servingInCache(run, call.seq))}`;
      if (last !== fromNotifications && last !== fromCache) {
        return fail(M.wrongServing({ ...where, serving: sortedNames(told), line: last }), call.seq);
      }
    }
    return pass;
  },
});

const terminating: Goal = goal({
  id: "terminating",
  title: {
    en: "In `updateFunc`, log `terminating <name>` when `newObj.metadata.deletionTimestamp` is set and `oldObj`'s was not",
    "zh-CN": "在 `updateFunc` 里，当 `newObj.metadata.deletionTimestamp` 已设置而 `oldObj` 的没有设置时，打印 `terminating <name>`",
  },
  check(run) {
    let expected = 0;
    for (const call of events(run, "handler.called", (e) => e.listener === 0 && e.notification === "update")) {
      const newObj = objectAt(run, call.key, call.resourceVersion);
      const oldObj = objectAt(run, call.key, call.oldResourceVersion ?? "");
      if (newObj === undefined || oldObj === undefined) continue;
      const want = `terminating ${nameOf(call.key)}`;
      const logged = linesDuring(run, call).includes(want);
      if (terminatingOf(newObj) && !terminatingOf(oldObj)) {
        expected++;
        if (!logged) return fail(M.justTerminating({ key: call.key, step: call.seq, want, saw: { lines: linesDuring(run, call) } }), call.seq);
      } else if (logged) {
        return fail(M.terminatingWrong({ line: want, key: call.key, step: call.seq }), call.seq);
      }
    }
    if (expected === 0) return fail(M.noTerminatingUpdate());
    return pass;
  },
});

const recreated: Goal = goal({
  id: "recreated",
  title: {
    en: "In `updateFunc`, log `recreated <name>` when `metadata.uid` differs between `oldObj` and `newObj`",
    "zh-CN": "在 `updateFunc` 里，当 `oldObj` 和 `newObj` 的 `metadata.uid` 不同时，打印 `recreated <name>`",
  },
  check(run) {
    let expected = 0;
    for (const call of events(run, "handler.called", (e) => e.listener === 0 && e.notification === "update")) {
      const newObj = objectAt(run, call.key, call.resourceVersion);
      const oldObj = objectAt(run, call.key, call.oldResourceVersion ?? "");
      if (newObj === undefined || oldObj === undefined) continue;
      const want = `recreated ${nameOf(call.key)}`;
      const logged = linesDuring(run, call).includes(want);
      if (newObj.metadata.uid !== oldObj.metadata.uid) {
        expected++;
        if (!logged) {
          return fail(M.newUid({ key: call.key, old: oldObj.metadata.uid ?? "", now: newObj.metadata.uid ?? "", step: call.seq, want,
            saw: { lines: linesDuring(run, call) } }), call.seq);
        }
      } else if (logged) {
        return fail(M.recreatedWrong({ line: want, key: call.key, step: call.seq }), call.seq);
      }
    }
    if (expected === 0) return fail(M.noRecreated());
    return pass;
  },
});

export default { goals: [serving, terminating, recreated], seeds: 5 };
