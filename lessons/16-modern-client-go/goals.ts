import { type Goal, type RunResult, type TraceKind } from "../../src/index.js";
import { events, linesDuring, type Ev } from "../_lib/goal-kit.js";

type At<K extends TraceKind> = Ev<K>;

const goals: Goal[] = [
  {
    id: "streaming-list",
    title: {
      en: "Streaming list (`watchList: true`): the pods reflector never sends a LIST; its watch asks for `sendInitialEvents` and the initial events end at a BOOKMARK",
      "zh-CN": "流式列表（`watchList: true`）：Pod 的 reflector 从不发送 LIST；它的 watch 请求 `sendInitialEvents`，初始事件以一个 BOOKMARK 结束",
    },
    check(run) {
      const mine = events(run, "server.request").filter((r) => r.resource === "pods" && (r.client ?? "").startsWith("reflector"));
      const list = mine.find((r) => r.verb === "list");
      if (list) return { pass: false, failedAtStep: list.seq, message: "the reflector sent a LIST request" };
      const first = mine.find((r) => r.verb === "watch");
      if (!first?.sendInitialEvents) return { pass: false, failedAtStep: first?.seq, message: "the first watch did not ask for sendInitialEvents" };
      const end = events(run, "server.watch.event").find((e) => e.resource === "pods" && e.type === "BOOKMARK" && e.initialEventsEnd);
      return end ? { pass: true } : { pass: false, message: "no BOOKMARK with k8s.io/initial-events-end ever arrived" };
    },
  },
  {
    id: "in-order-fifo",
    title: {
      en: "In-order FIFO (`fifo: \"real\"`): every pop carries exactly one delta, and after the relist the tombstone for the pod deleted during the outage (web-2) pops before any relisted pod",
      "zh-CN": "按序 FIFO（`fifo: \"real\"`）：每次 Pop 恰好带一个 delta，并且在重新 LIST 之后，断网期间被删除的 Pod（web-2）的墓碑先于任何重新列出的 Pod 被 Pop",
    },
    check(run) {
      const pops = events(run, "fifo.popped");
      const multi = pops.find((p) => p.deltas.length !== 1);
      if (multi) return { pass: false, failedAtStep: multi.seq, message: `${multi.key} popped with ${multi.deltas.length} deltas` };
      const relist = events(run, "fifo.replace").filter((r) => r.tombstones > 0).pop();
      if (!relist) return { pass: false, message: "no relist found a vanished pod (no tombstone was queued)" };
      const first = pops.find((p) => p.seq > relist.seq);
      if (!first) return { pass: false, failedAtStep: relist.seq, message: "nothing was popped after the relist" };
      const isTombstone = first.deltas[0]?.type === "Deleted" && first.deltas[0]?.tombstone === true;
      return isTombstone
        ? { pass: true }
        : { pass: false, failedAtStep: first.seq, message: `the first pop after the relist was ${first.key} (${first.deltas.map((d) => d.type).join(", ")}), not the tombstone of the pod deleted during the outage` };
    },
  },
  {
    id: "handler-sees-order",
    title: {
      en: "Your code sees it: `deleteFunc` logs `delete <namespace>/<name> (tombstone)` for a `cache.DeletedFinalStateUnknown`, and after the relist that is the first line your handlers log",
      "zh-CN": "你的代码能看到这一点：`deleteFunc` 对 `cache.DeletedFinalStateUnknown` 打印 `delete <namespace>/<name> (tombstone)`，并且重新 LIST 之后，这是你的处理函数打印的第一行",
    },
    check(run) {
      const relist = events(run, "fifo.replace").filter((r) => r.tombstones > 0).pop();
      if (!relist) return { pass: false, message: "no relist found a vanished pod (no tombstone was queued): is the informer running?" };
      const calls = events(run, "handler.called", (h) => h.seq > relist.seq);
      const tomb = calls.find((h) => h.notification === "delete" && h.tombstone === true);
      if (!tomb) return { pass: false, failedAtStep: relist.seq, message: "no deleteFunc received the tombstone after the relist: add a deleteFunc" };
      const want = `delete ${tomb.key} (tombstone)`;
      if (!linesDuring(run, tomb).includes(want)) {
        return { pass: false, failedAtStep: tomb.seq, message: `deleteFunc got a cache.DeletedFinalStateUnknown for ${tomb.key}: log "${want}"` };
      }
      const firstLine = run.log.find((l) => l.step > relist.seq);
      return firstLine?.text === want
        ? { pass: true }
        : { pass: false, failedAtStep: firstLine?.step ?? tomb.seq,
            message: `after the relist your handlers first logged "${firstLine?.text ?? "nothing"}", before the tombstone: switch to the in-order FIFO` };
    },
  },
  {
    id: "converges",
    title: {
      en: "Same promise on every version: at the end the indexer holds exactly the server's pods, at the server's resource versions",
      "zh-CN": "每个版本的承诺都一样：到最后，indexer 恰好保存着 API Server 上的 Pod，资源版本也与 API Server 一致",
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
        if (cache.get(key) !== rv) return { pass: false, message: `${key}: server rv ${rv}, cache ${cache.get(key) ?? "missing"}` };
      }
      const extra = [...cache.keys()].find((k) => !server.has(k));
      return extra ? { pass: false, message: `${extra} is still cached but gone from the server` } : { pass: true };
    },
  },
];

export default { goals, seeds: 3 };
