import { asKnown, type Goal, type KubeObject, type Pod, type ReplicaSet, type RunResult, type TraceKind } from "../../src/index.js";
import { events, type Ev } from "../_lib/goal-kit.js";

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
      "zh-CN": "收敛：到最后，每个 ReplicaSet 恰好有 `spec.replicas` 个匹配其选择器的存活 pod（没有 `deletionTimestamp`）（`clientset.coreV1().pods().create` / `delete`）",
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
      "zh-CN": "如实报告：到最后，server 上每个 ReplicaSet 的 `status.replicas` 都等于它的存活 pod 数量（`updateStatus`）",
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
      en: "409 Conflicts are retried: at least one ReplicaSet `update` got 409 (`errors.isConflict`), and each was followed by a successful reconcile of the same ReplicaSet (`worker.result`)",
      "zh-CN": "409 Conflict 会被重试：至少有一次 ReplicaSet 的 `update` 得到 409（`errors.isConflict`），且每次之后都跟着同一个 ReplicaSet 的一次成功 reconcile（`worker.result`）",
    },
    check(run) {
      // Scenario ops read-then-write in one step and never conflict: every 409 here is the controller's.
      const requests = new Map(events(run, "server.request").map((r) => [r.requestId, r]));
      const conflicts = events(run, "server.response")
        .filter((r) => r.verb === "update" && r.resource === "replicasets" && r.code === 409);
      if (conflicts.length === 0) return { pass: false, message: "no status update ever got a 409 Conflict (did you write status at all?)" };
      const results = events(run, "worker.result");
      for (const c of conflicts) {
        const req = requests.get(c.requestId);
        const key = `${req?.namespace ?? ""}/${req?.name ?? ""}`;
        const retried = results.find((r) => r.seq > c.seq && r.key === key && r.result === "success");
        if (!retried) return { pass: false, failedAtStep: c.seq, message: `after the 409 for ${key}, no reconcile of ${key} ever succeeded` };
      }
      return { pass: true };
    },
  },
  {
    id: "reads-the-cache",
    title: {
      en: "Level-triggered from the lister: your code never lists or gets pods or ReplicaSets from the server (only the informers' reflectors do)",
      "zh-CN": "从 lister 出发的水平触发：你的代码从不向 server list 或 get pod 和 ReplicaSet（只有 informer 的 reflector 会这样做）",
    },
    check(run) {
      // A scenario op (label, apply) reads the object right after its runner.op event: not yours.
      const afterOp = (seq: number) => asKnown(run.trace[seq - 2]!).kind === "runner.op";
      const bad = events(run, "server.request").find((r) =>
        (r.verb === "list" || r.verb === "get") && (r.resource === "pods" || r.resource === "replicasets") &&
        !(r.client ?? "").startsWith("reflector") && !afterOp(r.seq));
      return bad
        ? { pass: false, failedAtStep: bad.seq, message: `a ${bad.verb} of ${bad.resource} went to the server; read the lister instead` }
        : { pass: true };
    },
  },
];

export default { goals, seeds: 3 };
