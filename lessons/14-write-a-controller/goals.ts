import { type Goal, type KubeObject, type Pod, type ReplicaSet, type RunResult, type TraceKind } from "../../src/index.js";
import { defineMessages, events, fail, goal, learnerRequests, pass, type Ev } from "../_lib/goal-kit.js";

const M = defineMessages("write-a-controller", {
  notConverged: {
    en: "{key}: {live} live pods at the end, spec.replicas is {want}.",
    "zh-CN": "{key}：结束时有 {live} 个存活 Pod，而 spec.replicas 是 {want}。",
  },
  wrongStatus: {
    en: "{key}: status.replicas is {status} at the end, but it has {live} live pods.",
    "zh-CN": "{key}：结束时 status.replicas 是 {status}，但它实际有 {live} 个存活 Pod。",
  },
  unset: { en: "unset", "zh-CN": "（未设置）" },
  noConflict: {
    en: "No status update ever got a 409 Conflict (did you write status at all?).",
    "zh-CN": "没有任何状态更新得到过 409 Conflict（你写过 status 吗？）。",
  },
  noRequeue: {
    en: "After the 409 for {key} (step {step}) the write was {how} without a rate-limited requeue: return the error from reconcile (the workqueue retries with backoff, from a fresher cache).",
    "zh-CN": "{key} 收到 409（第 {step} 步）之后，这次写入{how}，中间没有限速的重新入队：请从 reconcile 返回这个错误（workqueue 会带退避地重试，并读取更新后的缓存）。",
  },
  never: { en: "never repeated", "zh-CN": "再也没有重做" },
  atOnce: { en: "repeated at once (step {step}),", "zh-CN": "立刻就重做了（第 {step} 步）" },
  neverSucceeded: {
    en: "After the 409 for {key} (step {step}), no reconcile of {key} ever succeeded.",
    "zh-CN": "{key} 收到 409（第 {step} 步）之后，{key} 的 reconcile 再也没有成功过。",
  },
  neverWrote: {
    en: "Your code never wrote a ReplicaSet's status (`updateStatus`).",
    "zh-CN": "你的代码从未写过 ReplicaSet 的 status（`updateStatus`）。",
  },
  blindWrite: {
    en: "This write of {key} (step {step}) succeeded although the server had resourceVersion {onServer} and your cache only {inCache}: it was sent without a resourceVersion and overwrote a newer object. Keep the resourceVersion you read; on a 409 let the workqueue retry.",
    "zh-CN": "第 {step} 步对 {key} 的这次写入成功了，可服务器上的 resourceVersion 是 {onServer}，你的缓存里只有 {inCache}：它没带 resourceVersion 就发出，覆盖了更新的对象。请保留你读到的 resourceVersion；遇到 409 时让 workqueue 重试。",
  },
  nothing: { en: "nothing", "zh-CN": "（没有）" },
  serverRead: {
    en: "Your code sent a {verb} for {resource} to the server at step {step}; read the lister instead.",
    "zh-CN": "你的代码在第 {step} 步向服务器发送了 {resource} 的 {verb} 请求；请改为读取 lister。",
  },
});

type At<K extends TraceKind> = Ev<K>;

/** The server's objects of one resource at the end of the run, folded from server.write. */
function serverState<T extends KubeObject>(run: RunResult, resource: string): Map<string, T> {
  const state = new Map<string, T>();
  for (const w of events(run, "server.write")) {
    if (w.resource !== resource) continue;
    if (w.type === "DELETED") state.delete(w.key);
    else state.set(w.key, w.object as T);
  }
  return state;
}

function livePodsOf(rs: ReplicaSet, pods: Iterable<Pod>): Pod[] {
  const want = rs.spec?.selector.matchLabels ?? {};
  return [...pods].filter((p) =>
    p.metadata.namespace === rs.metadata.namespace &&
    !p.metadata.deletionTimestamp &&
    Object.entries(want).every(([k, v]) => p.metadata.labels?.[k] === v));
}

const goals: Goal[] = [
  goal({
    id: "converges",
    title: {
      en: "Converge: at the end every ReplicaSet has exactly `spec.replicas` live pods (no `deletionTimestamp`) matching its selector (`clientset.coreV1().pods().create` / `delete`)",
      "zh-CN": "收敛：到最后，每个 ReplicaSet 恰好有 `spec.replicas` 个匹配其选择器的存活 Pod（没有 `deletionTimestamp`）（`clientset.coreV1().pods().create` / `delete`）",
    },
    check(run) {
      const pods = serverState<Pod>(run, "pods").values();
      const podList = [...pods];
      for (const [key, rs] of serverState<ReplicaSet>(run, "replicasets")) {
        const live = livePodsOf(rs, podList).length;
        const want = rs.spec?.replicas ?? 1;
        if (live !== want) return fail(M.notConverged({ key, live, want }));
      }
      return pass;
    },
  }),
  goal({
    id: "status",
    title: {
      en: "Report it: at the end every ReplicaSet's `status.replicas` on the server equals its live pod count (`updateStatus`)",
      "zh-CN": "如实报告：到最后，API Server 上每个 ReplicaSet 的 `status.replicas` 都等于它的存活 Pod 数量（`updateStatus`）",
    },
    check(run) {
      const podList = [...serverState<Pod>(run, "pods").values()];
      for (const [key, rs] of serverState<ReplicaSet>(run, "replicasets")) {
        const live = livePodsOf(rs, podList).length;
        if (rs.status?.replicas !== live) return fail(M.wrongStatus({ key, status: rs.status?.replicas ?? M.unset(), live }));
      }
      return pass;
    },
  }),
  goal({
    id: "conflicts-retried",
    title: {
      en: "409 Conflicts are retried with rate limiting: at least one ReplicaSet `update` got 409 (`errors.isConflict`), and each was followed by a rate-limited requeue of that key (`workqueue.rateLimited`, e.g. by throwing from `reconcile`) before its next successful write and a successful reconcile (`worker.result`)",
      "zh-CN": "409 Conflict 会以限速的方式重试：至少有一次 ReplicaSet 的 `update` 得到 409（`errors.isConflict`），且每次之后，在该 key 的下一次成功写入之前，都先有一次限速的重新入队（`workqueue.rateLimited`，例如从 `reconcile` 抛出错误），之后还有一次成功的 reconcile（`worker.result`）",
    },
    check(run) {
      const mine = new Map(learnerRequests(run).map((r) => [r.requestId, r]));
      const responses = events(run, "server.response").filter((r) => mine.has(r.requestId) && r.resource === "replicasets" && r.verb === "update");
      const conflicts = responses.filter((r) => r.code === 409);
      if (conflicts.length === 0) return fail(M.noConflict());
      const results = events(run, "worker.result");
      const limited = events(run, "workqueue.rateLimited");
      for (const c of conflicts) {
        const req = mine.get(c.requestId)!;
        const key = `${req.namespace ?? ""}/${req.name ?? ""}`;
        const nextWrite = responses.find((r) => r.seq > c.seq && r.code === 200 && mine.get(r.requestId)?.name === req.name &&
          mine.get(r.requestId)?.namespace === req.namespace);
        const requeue = limited.find((l) => l.seq > c.seq && l.key === key);
        if (requeue === undefined || (nextWrite !== undefined && nextWrite.seq < requeue.seq)) {
          const how = nextWrite === undefined ? M.never() : M.atOnce({ step: nextWrite.seq });
          return fail(M.noRequeue({ key, step: c.seq, how }), nextWrite?.seq ?? c.seq);
        }
        const retried = results.find((r) => r.seq > c.seq && r.key === key && r.result === "success");
        if (!retried) return fail(M.neverSucceeded({ key, step: c.seq }), c.seq);
      }
      return pass;
    },
  }),
  goal({
    id: "no-blind-writes",
    title: {
      en: "No blind writes: every successful `update` / `updateStatus` of a ReplicaSet carries the `metadata.resourceVersion` it was computed from",
      "zh-CN": "不盲写：每次成功的 ReplicaSet `update` / `updateStatus` 都带着计算它时所依据的 `metadata.resourceVersion`",
    },
    check(run) {
      // The request trace does not carry the object's resourceVersion, but a write tells on itself: it
      // succeeded although the ReplicaSet on the server was newer than anything your code could have
      // read (the informer's cache, or the reply to your own last write). With the resourceVersion it was
      // computed from, that write would have got 409; only a write without one succeeds there.
      const mine = learnerRequests(run).filter((r) => r.resource === "replicasets" && r.verb === "update");
      if (mine.length === 0) return fail(M.neverWrote());
      const responses = new Map(events(run, "server.response").map((r) => [r.requestId, r]));
      const writes = events(run, "server.write", (e) => e.resource === "replicasets");
      const cached = events(run, "indexer.write", (e) => e.name === "replicasets" && e.op !== "delete");
      const repliedRv = new Map<string, string>();
      for (const req of mine) {
        const key = `${req.namespace ?? ""}/${req.name ?? ""}`;
        const reply = responses.get(req.requestId);
        const onServer = writes.filter((w) => w.key === key && w.seq < req.seq).at(-1)?.resourceVersion;
        const inCache = cached.filter((w) => w.key === key && w.seq < req.seq).at(-1)?.resourceVersion;
        if (reply?.code === 200 && onServer !== undefined && inCache !== onServer && repliedRv.get(key) !== onServer) {
          return fail(M.blindWrite({ key, step: req.seq, onServer, inCache: inCache ?? M.nothing() }), req.seq);
        }
        if (reply?.code === 200 && reply.resourceVersion !== undefined) repliedRv.set(key, reply.resourceVersion);
      }
      return pass;
    },
  }),
  goal({
    id: "reads-the-cache",
    title: {
      en: "Level-triggered from the lister: your code never lists or gets pods or ReplicaSets from the server (only the informers' reflectors do)",
      "zh-CN": "从 lister 出发的水平触发：你的代码从不向 API Server list 或 get Pod 和 ReplicaSet（只有 Informer 的 reflector 会这样做）",
    },
    check(run) {
      // learnerRequests: not a reflector's, not a scenario op's (label, apply read the object first) nor a stage action's.
      const bad = learnerRequests(run).find((r) =>
        (r.verb === "list" || r.verb === "get") && (r.resource === "pods" || r.resource === "replicasets"));
      return bad ? fail(M.serverRead({ verb: bad.verb.toUpperCase(), resource: bad.resource, step: bad.seq }), bad.seq) : pass;
    },
  }),
];

export default { goals, seeds: 3 };
