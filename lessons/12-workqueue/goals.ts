import { asKnown, type Goal, type RunResult, type TraceKind } from "../../src/index.js";
import { defineMessages, events, fail, goal, objectAt, pass, windowOf, type Ev } from "../_lib/goal-kit.js";
import { syncBeforeWork } from "../_lib/sync-first.js";

const M = defineMessages("workqueue", {
  nothingAdded: {
    en: "Nothing was ever added to the workqueue.",
    "zh-CN": "从来没有任何元素被加入工作队列。",
  },
  notPodKey: {
    en: "\"{item}\" (added at step {step}) is not a pod key: enqueue `namespace/name`.",
    "zh-CN": "“{item}”（第 {step} 步加入）不是 Pod 的 key：请把 `namespace/name` 放进队列。",
  },
  noDedup: {
    en: "No `workqueue.add` was ever deduplicated.",
    "zh-CN": "没有任何一次 `workqueue.add` 被去重。",
  },
  reconciledTimes: {
    en: "default/web-1 was reconciled {count} times between 1 s and 2 s (expected 1 or 2).",
    "zh-CN": "default/web-1 在 1 秒到 2 秒之间被 reconcile 了 {count} 次（应为 1 或 2 次）。",
  },
  noReAdd: {
    en: "No key was ever added while it was being processed.",
    "zh-CN": "从来没有哪个 key 在处理期间被重新加入。",
  },
  handedOutEarly: {
    en: "{key} was handed out again at step {step}, before `done` (it was re-added at step {added}).",
    "zh-CN": "{key} 在第 {step} 步又被取出，早于 `done`（它在第 {added} 步被重新加入）。",
  },
  notRequeued: {
    en: "{key}, added at step {step} while it was processing, was not re-queued at `done`.",
    "zh-CN": "{key} 在处理期间（第 {step} 步）被加入，但 `done` 时没有被重新排队。",
  },
  neverAgain: {
    en: "{key} was never processed again after `done` (step {step}).",
    "zh-CN": "{key} 在 `done`（第 {step} 步）之后再也没有被处理。",
  },
  outsideReconcile: {
    en: "\"{line}\" (step {step}) was not printed by a reconcile of {key}: log it inside reconcile, from what the lister says then.",
    "zh-CN": "“{line}”（第 {step} 步）不是在 {key} 的 reconcile 中打印的：请在 reconcile 里根据当时 Lister 的结果打印。",
  },
  notFromLister: {
    en: "\"{line}\" (step {step}) did not come from the lister: in this reconcile of {key} your code logged without calling the lister's `get` for that key first. Read the pod from the cache when the key is processed, not from a copy the handlers kept.",
    "zh-CN": "“{line}”（第 {step} 步）不是从 Lister 读出来的：在这次 {key} 的 reconcile 里，你的代码没有先用 Lister 的 `get` 读取这个 key 就打印了。请在处理这个 key 时从缓存读取 Pod，而不是读处理函数保存的副本。",
  },
  otherVersion: {
    en: "\"{line}\" (step {step}) says version={saw}, but the lister's `get` (step {getStep}) returned {key} at resourceVersion {rv}, whose version label is {want}.",
    "zh-CN": "“{line}”（第 {step} 步）写的是 version={saw}，但 Lister 的 `get`（第 {getStep} 步）返回的 {key} 的 resourceVersion 是 {rv}，它的 version 标签是 {want}。",
  },
  goneButFound: {
    en: "\"{line}\" (step {step}), but the lister's `get` of {key} (step {getStep}) found it: log `gone` only when `get` throws NotFound.",
    "zh-CN": "打印了“{line}”（第 {step} 步），但 Lister 对 {key} 的 `get`（第 {getStep} 步）找到了它：只有 `get` 抛出 NotFound 时才打印 `gone`。",
  },
  lastWeb1: {
    en: "The last \"reconcile default/web-1 …\" line is {last}; web-1 ended at version={final} on the server.",
    "zh-CN": "最后一行“reconcile default/web-1 …”是：{last}；而服务器上 web-1 最终是 version={final}。",
  },
  web2NotDeleted: {
    en: "web-2 was never deleted.",
    "zh-CN": "web-2 从未被删除。",
  },
  noGone: {
    en: "No \"gone default/web-2\" line after web-2 was deleted (step {step}).",
    "zh-CN": "web-2 被删除（第 {step} 步）之后没有“gone default/web-2”这一行。",
  },
});

type At<K extends TraceKind> = Ev<K>;

const goals: Goal[] = [
  goal({
    id: "keys-not-objects",
    title: {
      en: "Enqueue keys: every `workqueue.add` item is a pod's `namespace/name` key (`cache.metaNamespaceKeyFunc`, `cache.deletionHandlingMetaNamespaceKeyFunc`)",
      "zh-CN": "放进队列的是 key：每个 `workqueue.add` 的元素都是 Pod 的 `namespace/name` key（`cache.metaNamespaceKeyFunc`、`cache.deletionHandlingMetaNamespaceKeyFunc`）",
    },
    check(run) {
      const podKeys = new Set(events(run, "server.write").filter((w) => w.resource === "pods").map((w) => w.key));
      const adds = events(run, "workqueue.add");
      if (adds.length === 0) return fail(M.nothingAdded());
      const bad = adds.find((a) => !podKeys.has(a.key));
      return bad ? fail(M.notPodKey({ item: bad.key, step: bad.seq }), bad.seq) : pass;
    },
  }),
  goal({
    id: "dedup",
    title: {
      en: "Dedup: some `workqueue.add` is deduplicated, and web-1's three quick changes cause at most two reconciles (`worker.reconcile`)",
      "zh-CN": "去重：至少有一次 `workqueue.add` 被去重，并且 web-1 的三次快速变化最多只引起两次 reconcile（`worker.reconcile`）",
    },
    check(run) {
      const dedup = events(run, "workqueue.add").some((a) => a.deduplicated);
      if (!dedup) return fail(M.noDedup());
      const web1 = events(run, "worker.reconcile").filter((r) => r.key === "default/web-1" && r.time >= 1_000 && r.time < 2_000);
      return web1.length >= 1 && web1.length <= 2 ? pass : fail(M.reconciledTimes({ count: web1.length }), web1[2]?.seq);
    },
  }),
  goal({
    id: "re-add-while-processing",
    title: {
      en: "Re-add during processing: a key added while processing (`processing: true`) waits for `done`, then is processed exactly once more (`requeued`)",
      "zh-CN": "处理期间重新加入：处理中被加入的 key（`processing: true`）会等到 `done`，然后恰好再被处理一次（`requeued`）",
    },
    check(run) {
      const trace = run.trace.map((e) => asKnown(e));
      const whileProcessing = events(run, "workqueue.add").filter((a) => a.processing && !a.deduplicated);
      if (whileProcessing.length === 0) return fail(M.noReAdd());
      for (const add of whileProcessing) {
        const later = trace.filter((e) => e.seq > add.seq);
        const done = later.find((e) => e.kind === "workqueue.done" && e.key === add.key);
        const earlyGet = later.find((e) => e.kind === "workqueue.get" && e.key === add.key && (!done || e.seq < done.seq));
        if (earlyGet) return fail(M.handedOutEarly({ key: add.key, step: earlyGet.seq, added: add.seq }), earlyGet.seq);
        if (!done || done.kind !== "workqueue.done" || !done.requeued) return fail(M.notRequeued({ key: add.key, step: add.seq }), add.seq);
        const again = later.find((e) => e.kind === "workqueue.get" && e.key === add.key && e.seq > done.seq);
        if (!again) return fail(M.neverAgain({ key: add.key, step: done.seq }), done.seq);
      }
      return pass;
    },
  }),
  goal({
    id: "level-triggered",
    title: {
      en: "Read the lister inside `reconcile`: the last `reconcile default/web-1` line shows web-1's final `version` label (4 on this seed), and `gone default/web-2` is logged by a reconcile after its delete (`cache.splitMetaNamespaceKey`, lister `get`, `errors.isNotFound`)",
      "zh-CN": "在 `reconcile` 里读取 Lister：最后一行 `reconcile default/web-1` 显示 web-1 最终的 `version` 标签（这个种子上是 4），并且 web-2 被删除后由一次 reconcile 打印 `gone default/web-2`（`cache.splitMetaNamespaceKey`、Lister 的 `get`、`errors.isNotFound`）",
    },
    check(run) {
      // Every reconcile/gone line must come from a reconcile of that key, not from a handler or main,
      // and from what the lister said in that reconcile (lister.query), not from a private copy.
      const reads = events(run, "lister.query");
      for (const l of run.log) {
        const m = /^(reconcile|gone) (\S+)/.exec(l.text.trim());
        if (m === null) continue;
        const [line, verb, key] = [l.text.trim(), m[1]!, m[2]!];
        const window = windowOf(run, l.step, key);
        if (window === undefined) return fail(M.outsideReconcile({ line, step: l.step, key }), l.step);
        const inWindow = reads.filter((q) => q.seq > window.start.seq && q.seq < l.step);
        const get = inWindow.filter((q) => q.op === "get" && q.key === key).at(-1);
        if (get === undefined) return fail(M.notFromLister({ line, step: l.step, key }), l.step);
        if (verb === "gone") {
          if (get.items > 0) return fail(M.goneButFound({ line, step: l.step, key, getStep: get.seq }), l.step);
          continue;
        }
        if (get.items === 0 || get.resourceVersion === undefined) return fail(M.notFromLister({ line, step: l.step, key }), l.step);
        const want = objectAt(run, key, get.resourceVersion)?.metadata.labels?.["version"] ?? "?";
        const saw = /version=(\S+)/.exec(line)?.[1] ?? "";
        if (saw !== want) {
          return fail(M.otherVersion({ line, step: l.step, saw, getStep: get.seq, key, rv: get.resourceVersion, want }), l.step);
        }
      }
      const writes = events(run, "server.write").filter((w) => w.key === "default/web-1" && w.type !== "DELETED");
      const final = writes.at(-1)?.object.metadata.labels?.["version"] ?? "?";
      const web1 = run.log.filter((l) => l.text.startsWith("reconcile default/web-1 "));
      const last = web1[web1.length - 1];
      if (!last || !last.text.includes(`version=${final}`)) {
        return fail(M.lastWeb1({ last: { lines: last ? [last.text] : [] }, final }), last?.step);
      }
      const deleted = events(run, "server.write").find((w) => w.key === "default/web-2" && w.type === "DELETED");
      const gone = run.log.find((l) => l.text.trim() === "gone default/web-2");
      if (!deleted) return fail(M.web2NotDeleted());
      return gone && gone.step > deleted.seq ? pass : fail(M.noGone({ step: deleted.seq }), deleted.seq);
    },
  }),
  syncBeforeWork({
    id: "sync-before-work",
  }),
];

export default { goals, seeds: 3 };
