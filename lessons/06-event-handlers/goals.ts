/** Lesson 06 goals: a serving set that honours deletionTimestamp, terminating and recreated pods. */
import type { KubeObject } from "../../src/index.js";
import { events, fail, goal, linesDuring, nameOf, objectAt, pass, type Goal, type RunResult } from "../_lib/goal-kit.js";

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
    if (calls.length === 0) return fail("No notification reached your handler.");
    const told = new Set<string>();
    for (const call of calls) {
      const name = nameOf(call.key);
      if (call.notification === "delete") told.delete(name);
      else if (terminatingOf(objectAt(run, call.key, call.resourceVersion))) told.delete(name);
      else told.add(name);
      const lines = linesDuring(run, call).filter((t) => t.startsWith("serving: "));
      const last = lines.at(-1);
      if (last === undefined) return fail(`No "serving: …" line in the ${call.notification} callback for ${call.key}.`, call.seq);
      const fromNotifications = `serving: ${sortedNames(told)}`;
      const fromCache = `serving: ${sortedNames(servingInCache(run, call.seq))}`;
      if (last !== fromNotifications && last !== fromCache) {
        return fail(`After this ${call.notification} of ${call.key} the serving pods are [${sortedNames(told)}]; you logged "${last}".`, call.seq);
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
        if (!logged) return fail(`${call.key} just got a deletionTimestamp: expected "${want}".`, call.seq);
      } else if (logged) {
        return fail(`"${want}" logged, but this update did not newly set deletionTimestamp.`, call.seq);
      }
    }
    if (expected === 0) return fail("No update with a new deletionTimestamp reached updateFunc: is it registered?");
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
        if (!logged) return fail(`${call.key} has a new uid (${oldObj.metadata.uid} → ${newObj.metadata.uid}): expected "${want}".`, call.seq);
      } else if (logged) {
        return fail(`"${want}" logged, but the uid did not change.`, call.seq);
      }
    }
    if (expected === 0) return fail("No update with a changed uid reached updateFunc: is it registered?");
    return pass;
  },
});

export default { goals: [serving, terminating, recreated], seeds: 5 };
