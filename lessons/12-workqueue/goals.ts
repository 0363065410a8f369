import { asKnown, type Goal, type RunResult, type TraceKind } from "../../src/index.js";
import { events, windowOf, type Ev } from "../_lib/goal-kit.js";

type At<K extends TraceKind> = Ev<K>;

const goals: Goal[] = [
  {
    id: "keys-not-objects",
    title: {
      en: "Enqueue keys: every `workqueue.add` item is a pod's `namespace/name` key (`cache.metaNamespaceKeyFunc`, `cache.deletionHandlingMetaNamespaceKeyFunc`)",
      "zh-CN": "放进队列的是 key：每个 `workqueue.add` 的元素都是 Pod 的 `namespace/name` key（`cache.metaNamespaceKeyFunc`、`cache.deletionHandlingMetaNamespaceKeyFunc`）",
    },
    check(run) {
      const podKeys = new Set(events(run, "server.write").filter((w) => w.resource === "pods").map((w) => w.key));
      const adds = events(run, "workqueue.add");
      if (adds.length === 0) return { pass: false, message: "nothing was ever added to the workqueue" };
      const bad = adds.find((a) => !podKeys.has(a.key));
      return bad
        ? { pass: false, failedAtStep: bad.seq, message: `"${bad.key}" is not a pod key` }
        : { pass: true };
    },
  },
  {
    id: "dedup",
    title: {
      en: "Dedup: some `workqueue.add` is deduplicated, and web-1's three quick changes cause at most two reconciles (`worker.reconcile`)",
      "zh-CN": "去重：至少有一次 `workqueue.add` 被去重，并且 web-1 的三次快速变化最多只引起两次 reconcile（`worker.reconcile`）",
    },
    check(run) {
      const dedup = events(run, "workqueue.add").some((a) => a.deduplicated);
      if (!dedup) return { pass: false, message: "no workqueue.add was ever deduplicated" };
      const web1 = events(run, "worker.reconcile").filter((r) => r.key === "default/web-1" && r.time >= 1_000 && r.time < 2_000);
      return web1.length >= 1 && web1.length <= 2
        ? { pass: true }
        : { pass: false, failedAtStep: web1[2]?.seq,
            message: `default/web-1 was reconciled ${web1.length} times between 1 s and 2 s (expected 1 or 2)` };
    },
  },
  {
    id: "re-add-while-processing",
    title: {
      en: "Re-add during processing: a key added while processing (`processing: true`) waits for `done`, then is processed exactly once more (`requeued`)",
      "zh-CN": "处理期间重新加入：处理中被加入的 key（`processing: true`）会等到 `done`，然后恰好再被处理一次（`requeued`）",
    },
    check(run) {
      const trace = run.trace.map((e) => asKnown(e));
      const whileProcessing = events(run, "workqueue.add").filter((a) => a.processing && !a.deduplicated);
      if (whileProcessing.length === 0) return { pass: false, message: "no key was ever added while it was being processed" };
      for (const add of whileProcessing) {
        const later = trace.filter((e) => e.seq > add.seq);
        const done = later.find((e) => e.kind === "workqueue.done" && e.key === add.key);
        const earlyGet = later.find((e) => e.kind === "workqueue.get" && e.key === add.key && (!done || e.seq < done.seq));
        if (earlyGet) return { pass: false, failedAtStep: earlyGet.seq, message: `${add.key} was handed out again before done` };
        if (!done || done.kind !== "workqueue.done" || !done.requeued) {
          return { pass: false, failedAtStep: add.seq, message: `${add.key} was not re-queued at done` };
        }
        const again = later.find((e) => e.kind === "workqueue.get" && e.key === add.key && e.seq > done.seq);
        if (!again) return { pass: false, failedAtStep: done.seq, message: `${add.key} was never processed again after done` };
      }
      return { pass: true };
    },
  },
  {
    id: "level-triggered",
    title: {
      en: "Read the lister inside `reconcile`: the last `reconcile default/web-1` line shows web-1's final `version` label (4 on this seed), and `gone default/web-2` is logged by a reconcile after its delete (`cache.splitMetaNamespaceKey`, lister `get`, `errors.isNotFound`)",
      "zh-CN": "在 `reconcile` 里读取 lister：最后一行 `reconcile default/web-1` 显示 web-1 最终的 `version` 标签（这个种子上是 4），并且 web-2 被删除后由一次 reconcile 打印 `gone default/web-2`（`cache.splitMetaNamespaceKey`、lister 的 `get`、`errors.isNotFound`）",
    },
    check(run) {
      // Every reconcile/gone line must come from a reconcile of that key, not from a handler or main.
      for (const l of run.log) {
        const m = /^(reconcile|gone) (\S+)/.exec(l.text.trim());
        if (m === null) continue;
        if (windowOf(run, l.step, m[2]!) === undefined) {
          return { pass: false, failedAtStep: l.step,
            message: `"${l.text.trim()}" was not printed by a reconcile of ${m[2]}: log it inside reconcile, from what the lister says then` };
        }
      }
      const writes = events(run, "server.write").filter((w) => w.key === "default/web-1" && w.type !== "DELETED");
      const final = writes.at(-1)?.object.metadata.labels?.["version"] ?? "?";
      const web1 = run.log.filter((l) => l.text.startsWith("reconcile default/web-1 "));
      const last = web1[web1.length - 1];
      if (!last || !last.text.includes(`version=${final}`)) {
        return { pass: false, failedAtStep: last?.step, message: `last web-1 line: "${last?.text ?? "none"}" (web-1 ended at version=${final} on the server)` };
      }
      const deleted = events(run, "server.write").find((w) => w.key === "default/web-2" && w.type === "DELETED");
      const gone = run.log.find((l) => l.text.trim() === "gone default/web-2");
      if (!deleted) return { pass: false, message: "web-2 was never deleted" };
      return gone && gone.step > deleted.seq
        ? { pass: true }
        : { pass: false, failedAtStep: deleted.seq, message: "no `gone default/web-2` line after web-2 was deleted" };
    },
  },
];

export default { goals, seeds: 3 };
