/**
 * Lesson 18 goals. They read only what an informer's trace shows, so they hold on a recorded live run
 * too (export as trace): handler calls, the objects the indexer stored, the Reflector's 410 and relist.
 */
import type { KubeObject } from "../../src/index.js";
import { events, fail, goal, linesDuring, nameOf, objectAt, pass, type Goal } from "../_lib/goal-kit.js";

function withoutLabels(o: KubeObject): string {
  const { labels: _labels, resourceVersion: _rv, managedFields: _mf, ...meta } = o.metadata as KubeObject["metadata"] & { managedFields?: unknown };
  return JSON.stringify({ ...o, metadata: meta });
}

const updates = (run: Parameters<Goal["check"]>[0]) => events(run, "handler.called", (e) => e.notification === "update" && e.listener === 0);

const labelOnly: Goal = goal({
  id: "label-only",
  title: {
    en: "In `updateFunc`, log `label-only <name>` when the only change from old to new is `metadata.labels` (what `kubectl label` does), and never otherwise",
    "zh-CN": "在 `updateFunc` 中，当新旧对象之间唯一的变化是 `metadata.labels`（`kubectl label` 所做的事）时打印 `label-only <name>`，其他情况不打印",
  },
  check(run) {
    let seen = 0;
    for (const call of updates(run)) {
      const oldObj = objectAt(run, call.key, call.oldResourceVersion ?? "");
      const newObj = objectAt(run, call.key, call.resourceVersion);
      if (oldObj === undefined || newObj === undefined) continue;
      const labelsChanged = JSON.stringify(oldObj.metadata.labels ?? {}) !== JSON.stringify(newObj.metadata.labels ?? {});
      const only = labelsChanged && withoutLabels(oldObj) === withoutLabels(newObj);
      const want = `label-only ${nameOf(call.key)}`;
      const logged = linesDuring(run, call).includes(want);
      if (only) seen++;
      if (only && !logged) return fail(`The update of ${call.key} (RV ${call.oldResourceVersion} → ${call.resourceVersion}) changed only its labels; expected "${want}".`, call.seq);
      if (!only && logged) return fail(`The update of ${call.key} (RV ${call.oldResourceVersion} → ${call.resourceVersion}) changed more than labels (or nothing): no "${want}" here.`, call.seq);
    }
    if (seen === 0) return fail("No update in this run changed only labels: run `kubectl label pod …`.");
    return pass;
  },
});

const gracefulDelete: Goal = goal({
  id: "terminating-then-deleted",
  title: {
    en: "Log `terminating <name>` in `updateFunc` when the new object has a `deletionTimestamp` and the old one did not, and `deleted <name>` in `deleteFunc`",
    "zh-CN": "当新对象带有 `deletionTimestamp` 而旧对象没有时，在 `updateFunc` 中打印 `terminating <name>`；在 `deleteFunc` 中打印 `deleted <name>`",
  },
  check(run) {
    const deletes = events(run, "handler.called", (e) => e.notification === "delete" && e.listener === 0);
    if (deletes.length === 0) return fail("No delete reached your handler: run `kubectl delete pod …`.");
    for (const d of deletes) {
      const want = `deleted ${nameOf(d.key)}`;
      if (!linesDuring(run, d).includes(want)) return fail(`deleteFunc for ${d.key} should log "${want}".`, d.seq);
    }
    let graceful = 0;
    for (const call of updates(run)) {
      const oldObj = objectAt(run, call.key, call.oldResourceVersion ?? "");
      const newObj = objectAt(run, call.key, call.resourceVersion);
      if (oldObj === undefined || newObj === undefined) continue;
      const starts = newObj.metadata.deletionTimestamp !== undefined && oldObj.metadata.deletionTimestamp === undefined;
      const want = `terminating ${nameOf(call.key)}`;
      const logged = linesDuring(run, call).includes(want);
      if (starts && !logged) return fail(`${call.key} got a deletionTimestamp at RV ${call.resourceVersion} (a graceful delete begins): expected "${want}".`, call.seq);
      if (!starts && logged) return fail(`"${want}" was logged for an update that did not start a deletion.`, call.seq);
      if (starts) {
        graceful++;
        const gone = deletes.find((d) => d.key === call.key && d.seq > call.seq);
        if (gone === undefined) return fail(`${call.key} was terminating but its delete never arrived in this run.`, call.seq);
      }
    }
    if (graceful === 0) return fail("No graceful delete was seen (an update with a deletionTimestamp, then the delete): delete a scheduled pod.");
    return pass;
  },
});

const relist: Goal = goal({
  id: "relist-same-rv",
  title: {
    en: "In `updateFunc`, log `same-rv <name>` when old and new have the same resourceVersion: after the 410 the relist replays every object you already had",
    "zh-CN": "在 `updateFunc` 中，当新旧对象的 resourceVersion 相同时打印 `same-rv <name>`：410 之后的重新 list 会把你已有的每个对象再回放一遍",
  },
  check(run) {
    const expired = events(run, "reflector.watch.end", (e) => e.reason === "expired")[0];
    if (expired === undefined) return fail("The watch never got 410 Gone: compact the history while the watch is cut (partition, compact, heal).");
    const relisted = events(run, "reflector.list.done", (e) => e.seq > expired.seq)[0];
    if (relisted === undefined) return fail("After the 410 the Reflector did not finish a relist in this run.", expired.seq);
    let same = 0;
    for (const call of updates(run)) {
      const isSame = call.oldResourceVersion === call.resourceVersion;
      const want = `same-rv ${nameOf(call.key)}`;
      const logged = linesDuring(run, call).includes(want);
      if (isSame && !logged) return fail(`${call.key} came through updateFunc with the same RV ${call.resourceVersion} (the relist replayed it): expected "${want}".`, call.seq);
      if (!isSame && logged) return fail(`"${want}" was logged but the RV changed (${call.oldResourceVersion} → ${call.resourceVersion}).`, call.seq);
      if (isSame && call.seq > relisted.seq) same++;
    }
    if (same === 0) return fail("No same-RV update followed the relist.", relisted.seq);
    return pass;
  },
});

export default { goals: [labelOnly, gracefulDelete, relist], seeds: 3 };
