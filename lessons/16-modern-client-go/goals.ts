import { type Goal, type RunResult, type TraceKind } from "../../src/index.js";
import { events, type Ev } from "../_lib/goal-kit.js";

type At<K extends TraceKind> = Ev<K>;

const goals: Goal[] = [
  {
    id: "streaming-list",
    title: {
      en: "Streaming list (`watchList: true`): the pods reflector never sends a LIST; its watch asks for `sendInitialEvents` and the initial events end at a BOOKMARK",
      "zh-CN": "流式列表（`watchList: true`）：pods 的 reflector 从不发送 LIST；它的 watch 请求 `sendInitialEvents`，初始事件以一个 BOOKMARK 结束",
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
      en: "In-order FIFO (`fifo: \"real\"`): every pop carries exactly one delta, and after the relist the tombstone for web-2 pops before any relisted pod",
      "zh-CN": "按序 FIFO（`fifo: \"real\"`）：每次 Pop 恰好带一个 delta，并且在重新 list 之后，web-2 的墓碑先于任何重新列出的 pod 被 Pop",
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
      return isTombstone && first.key === "default/web-2"
        ? { pass: true }
        : { pass: false, failedAtStep: first.seq, message: `the first pop after the relist was ${first.key} (${first.deltas.map((d) => d.type).join(", ")}), not web-2's tombstone` };
    },
  },
  {
    id: "converges",
    title: {
      en: "Same promise on every version: at the end the indexer holds exactly the server's pods, at the server's resource versions",
      "zh-CN": "每个版本的承诺都一样：到最后，indexer 恰好保存着 server 上的 pod，资源版本也与 server 一致",
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
