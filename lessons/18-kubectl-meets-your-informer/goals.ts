/**
 * Lesson 18 goals. They read only what an informer's trace shows, so they hold on a recorded live run
 * too (export as trace): handler calls, the objects the indexer stored, the Reflector's 410 and relist.
 */
import type { KubeObject } from "../../src/index.js";
import { defineMessages, events, expectedLine, fail, goal, linesDuring, nameOf, objectAt, pass, type Goal } from "../_lib/goal-kit.js";

const M = defineMessages("kubectl-meets-your-informer", {
  labelsOnly: {
    en: "The update of {key} (RV {from} → {to}, step {step}) changed only its labels; `updateFunc` should log \"{want}\"; it logged {saw}.",
    "zh-CN": "第 {step} 步，{key} 的这次更新（RV {from} → {to}）只改了标签；`updateFunc` 应打印“{want}”，实际打印的是：{saw}。",
  },
  moreThanLabels: {
    en: "The update of {key} (RV {from} → {to}, step {step}) changed more than labels (or nothing), but `updateFunc` logged \"{want}\".",
    "zh-CN": "第 {step} 步，{key} 的这次更新（RV {from} → {to}）改动的不只是标签（或者什么都没改），`updateFunc` 却打印了“{want}”。",
  },
  noLabelUpdate: {
    en: "No update in this run changed only labels: run `kubectl label pod …`.",
    "zh-CN": "本次运行中没有任何只改标签的更新：请运行 `kubectl label pod …`。",
  },
  noDelete: {
    en: "No delete reached your handler: run `kubectl delete pod …`.",
    "zh-CN": "没有任何删除到达你的处理函数：请运行 `kubectl delete pod …`。",
  },
  gracefulStart: {
    en: "{key} got a deletionTimestamp at RV {rv} (step {step}; a graceful delete begins): `updateFunc` should log \"{want}\"; it logged {saw}.",
    "zh-CN": "第 {step} 步，{key} 在 RV {rv} 时被设置了 deletionTimestamp（优雅删除开始）：`updateFunc` 应打印“{want}”，实际打印的是：{saw}。",
  },
  notStarting: {
    en: "\"{want}\" was logged in `updateFunc` for {key} (step {step}), but that update did not start a deletion.",
    "zh-CN": "第 {step} 步，`updateFunc` 处理 {key} 时打印了“{want}”，但这次更新并没有开始删除。",
  },
  neverDeleted: {
    en: "{key} was terminating (step {step}) but its delete never arrived in this run.",
    "zh-CN": "{key} 在第 {step} 步进入终止中状态，但本次运行中它的删除始终没有到达。",
  },
  noGraceful: {
    en: "No graceful delete was seen (an update with a deletionTimestamp, then the delete): delete a scheduled pod.",
    "zh-CN": "没有看到任何优雅删除（先是一次带 deletionTimestamp 的更新，然后是删除）：请删除一个已调度的 Pod。",
  },
  no410: {
    en: "The watch never got 410 Expired: compact the history while the watch is cut (partition, compact, heal).",
    "zh-CN": "watch 从未收到 410 Expired：请在 watch 断开期间压缩历史（分区、压缩、恢复）。",
  },
  noRelist: {
    en: "After the 410 (step {step}) the Reflector did not finish a relist in this run.",
    "zh-CN": "410（第 {step} 步）之后，Reflector 在本次运行中没有完成重新 LIST。",
  },
  sameRv: {
    en: "{key} came through `updateFunc` with the same RV {rv} at step {step} (the relist replayed it): expected \"{want}\"; it logged {saw}.",
    "zh-CN": "第 {step} 步，{key} 以相同的 RV {rv} 经过 `updateFunc`（重新 LIST 回放了它）：应打印“{want}”，实际打印的是：{saw}。",
  },
  rvChanged: {
    en: "\"{want}\" was logged at step {step} but the RV changed ({from} → {to}).",
    "zh-CN": "第 {step} 步打印了“{want}”，但 RV 变了（{from} → {to}）。",
  },
  noSameAfterRelist: {
    en: "No same-RV update followed the relist (step {step}).",
    "zh-CN": "重新 LIST（第 {step} 步）之后没有任何 RV 相同的更新。",
  },
});

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
      const at = { key: call.key, from: call.oldResourceVersion ?? "", to: call.resourceVersion, step: call.seq, want };
      if (only && !logged) return fail(M.labelsOnly({ ...at, saw: { lines: linesDuring(run, call) } }), call.seq);
      if (!only && logged) return fail(M.moreThanLabels(at), call.seq);
    }
    if (seen === 0) return fail(M.noLabelUpdate());
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
    if (deletes.length === 0) return fail(M.noDelete());
    for (const d of deletes) {
      const want = `deleted ${nameOf(d.key)}`;
      if (!linesDuring(run, d).includes(want)) return expectedLine(run, d, want);
    }
    let graceful = 0;
    for (const call of updates(run)) {
      const oldObj = objectAt(run, call.key, call.oldResourceVersion ?? "");
      const newObj = objectAt(run, call.key, call.resourceVersion);
      if (oldObj === undefined || newObj === undefined) continue;
      const starts = newObj.metadata.deletionTimestamp !== undefined && oldObj.metadata.deletionTimestamp === undefined;
      const want = `terminating ${nameOf(call.key)}`;
      const logged = linesDuring(run, call).includes(want);
      if (starts && !logged) {
        return fail(M.gracefulStart({ key: call.key, rv: call.resourceVersion, step: call.seq, want, saw: { lines: linesDuring(run, call) } }), call.seq);
      }
      if (!starts && logged) return fail(M.notStarting({ want, key: call.key, step: call.seq }), call.seq);
      if (starts) {
        graceful++;
        const gone = deletes.find((d) => d.key === call.key && d.seq > call.seq);
        if (gone === undefined) return fail(M.neverDeleted({ key: call.key, step: call.seq }), call.seq);
      }
    }
    if (graceful === 0) return fail(M.noGraceful());
    return pass;
  },
});

const relist: Goal = goal({
  id: "relist-same-rv",
  title: {
    en: "In `updateFunc`, log `same-rv <name>` when old and new have the same resourceVersion: after the 410 the relist replays every object you already had",
    "zh-CN": "在 `updateFunc` 中，当新旧对象的 resourceVersion 相同时打印 `same-rv <name>`：410 之后的重新 LIST 会把你已有的每个对象再回放一遍",
  },
  check(run) {
    const expired = events(run, "reflector.watch.end", (e) => e.reason === "expired")[0];
    if (expired === undefined) return fail(M.no410());
    const relisted = events(run, "reflector.list.done", (e) => e.seq > expired.seq)[0];
    if (relisted === undefined) return fail(M.noRelist({ step: expired.seq }), expired.seq);
    let same = 0;
    for (const call of updates(run)) {
      const isSame = call.oldResourceVersion === call.resourceVersion;
      const want = `same-rv ${nameOf(call.key)}`;
      const logged = linesDuring(run, call).includes(want);
      if (isSame && !logged) {
        return fail(M.sameRv({ key: call.key, rv: call.resourceVersion, step: call.seq, want, saw: { lines: linesDuring(run, call) } }), call.seq);
      }
      if (!isSame && logged) return fail(M.rvChanged({ want, step: call.seq, from: call.oldResourceVersion ?? "", to: call.resourceVersion }), call.seq);
      if (isSame && call.seq > relisted.seq) same++;
    }
    if (same === 0) return fail(M.noSameAfterRelist({ step: relisted.seq }), relisted.seq);
    return pass;
  },
});

export default { goals: [labelOnly, gracefulDelete, relist], seeds: 3 };
