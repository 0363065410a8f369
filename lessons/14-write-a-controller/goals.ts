import { type Goal, type KubeObject, type Pod, type ReplicaSet, type RunResult, type TraceKind } from "../../src/index.js";
import { events, learnerRequests, type Ev } from "../_lib/goal-kit.js";

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
  {
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
        if (live !== want) return { pass: false, message: `${key}: ${live} live pods at the end, spec.replicas is ${want}` };
      }
      return { pass: true };
    },
  },
  {
    id: "status",
    title: {
      en: "Report it: at the end every ReplicaSet's `status.replicas` on the server equals its live pod count (`updateStatus`)",
      "zh-CN": "如实报告：到最后，API Server 上每个 ReplicaSet 的 `status.replicas` 都等于它的存活 Pod 数量（`updateStatus`）",
    },
    check(run) {
      const podList = [...serverState<Pod>(run, "pods").values()];
      for (const [key, rs] of serverState<ReplicaSet>(run, "replicasets")) {
        const live = livePodsOf(rs, podList).length;
        if (rs.status?.replicas !== live) {
          return { pass: false, message: `${key}: status.replicas is ${rs.status?.replicas ?? "unset"}, live pods ${live}` };
        }
      }
      return { pass: true };
    },
  },
  {
    id: "conflicts-retried",
    title: {
      en: "409 Conflicts are retried with rate limiting: at least one ReplicaSet `update` got 409 (`errors.isConflict`), and each was followed by a rate-limited requeue of that key (`workqueue.rateLimited`, e.g. by throwing from `reconcile`) before its next successful write and a successful reconcile (`worker.result`)",
      "zh-CN": "409 Conflict 会以限速的方式重试：至少有一次 ReplicaSet 的 `update` 得到 409（`errors.isConflict`），且每次之后，在该 key 的下一次成功写入之前，都先有一次限速的重新入队（`workqueue.rateLimited`，例如从 `reconcile` 抛出错误），之后还有一次成功的 reconcile（`worker.result`）",
    },
    check(run) {
      const mine = new Map(learnerRequests(run).map((r) => [r.requestId, r]));
      const responses = events(run, "server.response").filter((r) => mine.has(r.requestId) && r.resource === "replicasets" && r.verb === "update");
      const conflicts = responses.filter((r) => r.code === 409);
      if (conflicts.length === 0) return { pass: false, message: "no status update ever got a 409 Conflict (did you write status at all?)" };
      const results = events(run, "worker.result");
      const limited = events(run, "workqueue.rateLimited");
      for (const c of conflicts) {
        const req = mine.get(c.requestId)!;
        const key = `${req.namespace ?? ""}/${req.name ?? ""}`;
        const nextWrite = responses.find((r) => r.seq > c.seq && r.code === 200 && mine.get(r.requestId)?.name === req.name &&
          mine.get(r.requestId)?.namespace === req.namespace);
        const requeue = limited.find((l) => l.seq > c.seq && l.key === key);
        if (requeue === undefined || (nextWrite !== undefined && nextWrite.seq < requeue.seq)) {
          return { pass: false, failedAtStep: nextWrite?.seq ?? c.seq,
            message: `after the 409 for ${key} the write was ${nextWrite === undefined ? "never" : "repeated at once,"} without a rate-limited requeue: ` +
              "return the error from reconcile (the workqueue retries with backoff, from a fresher cache)" };
        }
        const retried = results.find((r) => r.seq > c.seq && r.key === key && r.result === "success");
        if (!retried) return { pass: false, failedAtStep: c.seq, message: `after the 409 for ${key}, no reconcile of ${key} ever succeeded` };
      }
      return { pass: true };
    },
  },
  {
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
      if (mine.length === 0) return { pass: false, message: "your code never wrote a ReplicaSet's status (`updateStatus`)" };
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
          return { pass: false, failedAtStep: req.seq,
            message: `this write of ${key} succeeded although the server had resourceVersion ${onServer} and your cache only ${inCache ?? "nothing"}: ` +
              "it was sent without a resourceVersion and overwrote a newer object. Keep the resourceVersion you read; on a 409 let the workqueue retry" };
        }
        if (reply?.code === 200 && reply.resourceVersion !== undefined) repliedRv.set(key, reply.resourceVersion);
      }
      return { pass: true };
    },
  },
  {
    id: "reads-the-cache",
    title: {
      en: "Level-triggered from the lister: your code never lists or gets pods or ReplicaSets from the server (only the informers' reflectors do)",
      "zh-CN": "从 lister 出发的水平触发：你的代码从不向 API Server list 或 get Pod 和 ReplicaSet（只有 Informer 的 reflector 会这样做）",
    },
    check(run) {
      // Only the code's own requests (trace origin "code"): a scenario op or a stage action is not yours.
      const bad = learnerRequests(run).find((r) =>
        (r.verb === "list" || r.verb === "get") && (r.resource === "pods" || r.resource === "replicasets"));
      return bad
        ? { pass: false, failedAtStep: bad.seq, message: `a ${bad.verb} of ${bad.resource} went to the server; read the lister instead` }
        : { pass: true };
    },
  },
];

export default { goals, seeds: 3 };
