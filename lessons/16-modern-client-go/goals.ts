import { type Goal, type RunResult, type TraceKind } from "../../src/index.js";
import { defineMessages, events, fail, goal, linesDuring, pass, type Ev } from "../_lib/goal-kit.js";

const M = defineMessages("modern-client-go", {
  sentList: {
    en: "The reflector sent a LIST request at step {step}: a streaming list never lists.",
    "zh-CN": "Reflector 在第 {step} 步发送了 LIST 请求：流式列表从不发送 LIST。",
  },
  noSendInitial: {
    en: "The first watch did not ask for sendInitialEvents.",
    "zh-CN": "第一个 watch 没有请求 sendInitialEvents。",
  },
  noBookmark: {
    en: "No BOOKMARK with k8s.io/initial-events-end ever arrived.",
    "zh-CN": "从未收到带有 `k8s.io/initial-events-end` 的 BOOKMARK。",
  },
  multiDelta: {
    en: "{key} popped with {count} deltas at step {step} (an in-order FIFO pops exactly one).",
    "zh-CN": "第 {step} 步，{key} 被 Pop 时带了 {count} 个 delta（按序 FIFO 每次恰好一个）。",
  },
  noTombstoneQueued: {
    en: "No relist found a vanished pod (no tombstone was queued).",
    "zh-CN": "没有任何一次重新 LIST 发现消失的 Pod（没有墓碑入队）。",
  },
  noTombstoneQueuedRunning: {
    en: "No relist found a vanished pod (no tombstone was queued): is the informer running?",
    "zh-CN": "没有任何一次重新 LIST 发现消失的 Pod（没有墓碑入队）：Informer 在运行吗？",
  },
  nothingAfterRelist: {
    en: "Nothing was popped after the relist (step {step}).",
    "zh-CN": "重新 LIST（第 {step} 步）之后没有 Pop 出任何条目。",
  },
  firstPopNotTombstone: {
    en: "The first pop after the relist (step {step}) was {key} ({types}), not the tombstone of the pod deleted during the outage.",
    "zh-CN": "重新 LIST 之后的第一次 Pop（第 {step} 步）是 {key}（{types}），而不是断网期间被删除的 Pod 的墓碑。",
  },
  noTombstoneCall: {
    en: "No `deleteFunc` received the tombstone after the relist (step {step}): add a `deleteFunc`.",
    "zh-CN": "重新 LIST（第 {step} 步）之后没有任何 `deleteFunc` 收到墓碑：请添加 `deleteFunc`。",
  },
  tombstoneLine: {
    en: "`deleteFunc` got a `cache.DeletedFinalStateUnknown` for {key} at step {step}: it should log \"{want}\"; it logged {saw}.",
    "zh-CN": "第 {step} 步，`deleteFunc` 收到了 {key} 的 `cache.DeletedFinalStateUnknown`：应打印“{want}”，实际打印的是：{saw}。",
  },
  notATombstone: {
    en: "`deleteFunc` got a real Pod for {key} at step {step} (the watch saw that delete), but you logged \"{line}\": only a `cache.DeletedFinalStateUnknown` is a tombstone.",
    "zh-CN": "第 {step} 步，`deleteFunc` 收到的是 {key} 的真实 Pod（watch 看到了这次删除），你却打印了“{line}”：只有 `cache.DeletedFinalStateUnknown` 才是墓碑。",
  },
  firstLineAfterRelist: {
    en: "After the relist your handlers first logged {first} (step {step}), before the tombstone: switch to the in-order FIFO.",
    "zh-CN": "重新 LIST 之后，你的处理函数先打印了{first}（第 {step} 步），早于墓碑：请换用按序 FIFO。",
  },
  rvDiffers: {
    en: "{key}: the server ends at resourceVersion {rv}, the cache at {cached}.",
    "zh-CN": "{key}：服务器上最终的 resourceVersion 是 {rv}，缓存里是 {cached}。",
  },
  missing: { en: "nothing (missing)", "zh-CN": "（不存在）" },
  stillCached: {
    en: "{key} is still cached but gone from the server.",
    "zh-CN": "{key} 已从服务器上消失，却仍在缓存中。",
  },
});

type At<K extends TraceKind> = Ev<K>;

const goals: Goal[] = [
  goal({
    id: "streaming-list",
    title: {
      en: "Streaming list (`watchList: true`): the pods reflector never sends a LIST; its watch asks for `sendInitialEvents` and the initial events end at a BOOKMARK",
      "zh-CN": "流式列表（`watchList: true`）：Pod 的 reflector 从不发送 LIST；它的 watch 请求 `sendInitialEvents`，初始事件以一个 BOOKMARK 结束",
    },
    check(run) {
      const mine = events(run, "server.request").filter((r) => r.resource === "pods" && (r.client ?? "").startsWith("reflector"));
      const list = mine.find((r) => r.verb === "list");
      if (list) return fail(M.sentList({ step: list.seq }), list.seq);
      const first = mine.find((r) => r.verb === "watch");
      if (!first?.sendInitialEvents) return fail(M.noSendInitial(), first?.seq);
      const end = events(run, "server.watch.event").find((e) => e.resource === "pods" && e.type === "BOOKMARK" && e.initialEventsEnd);
      return end ? pass : fail(M.noBookmark());
    },
  }),
  goal({
    id: "in-order-fifo",
    title: {
      en: "In-order FIFO (`fifo: \"real\"`): every pop carries exactly one delta, and after the relist the tombstone for the pod deleted during the outage (web-2) pops before any relisted pod",
      "zh-CN": "按序 FIFO（`fifo: \"real\"`）：每次 Pop 恰好带一个 delta，并且在重新 LIST 之后，断网期间被删除的 Pod（web-2）的墓碑先于任何重新列出的 Pod 被 Pop",
    },
    check(run) {
      const pops = events(run, "fifo.popped");
      const multi = pops.find((p) => p.deltas.length !== 1);
      if (multi) return fail(M.multiDelta({ key: multi.key, count: multi.deltas.length, step: multi.seq }), multi.seq);
      const relist = events(run, "fifo.replace").filter((r) => r.tombstones > 0).pop();
      if (!relist) return fail(M.noTombstoneQueued());
      const first = pops.find((p) => p.seq > relist.seq);
      if (!first) return fail(M.nothingAfterRelist({ step: relist.seq }), relist.seq);
      const isTombstone = first.deltas[0]?.type === "Deleted" && first.deltas[0]?.tombstone === true;
      return isTombstone ? pass
        : fail(M.firstPopNotTombstone({ step: first.seq, key: first.key, types: first.deltas.map((d) => d.type) }), first.seq);
    },
  }),
  goal({
    id: "handler-sees-order",
    title: {
      en: "Your code sees it: `deleteFunc` logs `delete <namespace>/<name> (tombstone)` for a `cache.DeletedFinalStateUnknown` (and only for one), and after the relist that is the first line your handlers log",
      "zh-CN": "你的代码能看到这一点：`deleteFunc` 对 `cache.DeletedFinalStateUnknown`（且只对它）打印 `delete <namespace>/<name> (tombstone)`，并且重新 LIST 之后，这是你的处理函数打印的第一行",
    },
    check(run) {
      const relist = events(run, "fifo.replace").filter((r) => r.tombstones > 0).pop();
      if (!relist) return fail(M.noTombstoneQueuedRunning());
      const calls = events(run, "handler.called", (h) => h.seq > relist.seq);
      const tomb = calls.find((h) => h.notification === "delete" && h.tombstone === true);
      if (!tomb) return fail(M.noTombstoneCall({ step: relist.seq }), relist.seq);
      const want = `delete ${tomb.key} (tombstone)`;
      const lines = linesDuring(run, tomb);
      if (!lines.includes(want)) return fail(M.tombstoneLine({ key: tomb.key, step: tomb.seq, want, saw: { lines } }), tomb.seq);
      // …and only a tombstone is called one (the run also deletes a pod the watch sees).
      for (const call of events(run, "handler.called", (h) => h.notification === "delete" && h.tombstone !== true)) {
        const marked = linesDuring(run, call).find((t) => t.endsWith("(tombstone)"));
        if (marked !== undefined) return fail(M.notATombstone({ key: call.key, step: call.seq, line: marked }), call.seq);
      }
      const firstLine = run.log.find((l) => l.step > relist.seq);
      return firstLine?.text === want ? pass
        : fail(M.firstLineAfterRelist({ first: { lines: firstLine ? [firstLine.text] : [] }, step: firstLine?.step ?? tomb.seq }), firstLine?.step ?? tomb.seq);
    },
  }),
  goal({
    id: "converges",
    title: {
      en: "Same promise on every version: at the end the indexer holds exactly the server's pods, at the server's resource versions",
      "zh-CN": "每个版本的承诺都一样：到最后，Indexer 恰好保存着 API Server 上的 Pod，资源版本也与 API Server 一致",
    },
    check(run) {
      const server = new Map<string, string>();
      for (const w of events(run, "server.write")) {
        if (w.resource !== "pods") continue;
        if (w.type === "DELETED") server.delete(w.key); else server.set(w.key, w.resourceVersion);
      }
      const cache = new Map<string, string>();
      for (const w of events(run, "indexer.write")) {
        if (w.op === "delete") cache.delete(w.key); else cache.set(w.key, w.resourceVersion);
      }
      for (const [key, rv] of server) {
        if (cache.get(key) !== rv) return fail(M.rvDiffers({ key, rv, cached: cache.get(key) ?? M.missing() }));
      }
      const extra = [...cache.keys()].find((k) => !server.has(k));
      return extra ? fail(M.stillCached({ key: extra })) : pass;
    },
  }),
];

export default { goals, seeds: 3 };
