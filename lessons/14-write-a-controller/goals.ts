import { asKnown, type Goal, type KubeObject, type Pod, type ReplicaSet, type RunResult, type TraceKind } from "../../src/index.js";
import { events, goal, learnerRequests, type Ev } from "../_lib/goal-kit.js";

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

/** One key's turn in a worker: from its `workqueue.get` to its `workqueue.done` (undefined: never handed back). */
interface Turn { get: At<"workqueue.get">; done: At<"workqueue.done"> | undefined; rateLimited: boolean; forgot: boolean }

/** Every get of a key, with what happened to that key in the same queue until its done. */
function turns(run: RunResult): Turn[] {
  const open = new Map<string, Turn>();
  const out: Turn[] = [];
  for (const e of run.trace as unknown as Array<At<TraceKind>>) {
    if (e.component !== "workqueue" || !("key" in e)) continue;
    const id = `${e.queue}\u0000${e.key}`;
    if (e.kind === "workqueue.get") {
      const t: Turn = { get: e, done: undefined, rateLimited: false, forgot: false };
      open.set(id, t);
      out.push(t);
      continue;
    }
    const t = open.get(id);
    if (t === undefined) continue;
    if (e.kind === "workqueue.rateLimited") t.rateLimited = true;
    else if (e.kind === "workqueue.forget") t.forgot = true;
    else if (e.kind === "workqueue.done") {
      t.done = e;
      open.delete(id);
    }
  }
  return out;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

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
    id: "own-worker-loop",
    title: {
      en: "Your own worker loop: every key a worker takes with `queue.get` is handed back with `queue.done`, whatever reconcile did (no `workqueue.newController`, which hides the loop)",
      "zh-CN": "你自己的 worker 循环：worker 用 `queue.get` 取出的每个 key，无论 reconcile 结果如何，都用 `queue.done` 交还（不用把循环藏起来的 `workqueue.newController`）",
    },
    check(run) {
      const started = events(run, "worker.started")[0];
      if (started !== undefined) {
        return { pass: false, failedAtStep: started.seq,
          message: "this run used workqueue.newController, which runs the worker loop for you: write runWorker yourself with queue.get, queue.done and queue.forget" };
      }
      const all = turns(run);
      if (all.length === 0) return { pass: false, message: "no worker ever took a key from a workqueue with queue.get(): start your workers after waitForCacheSync" };
      const end = run.trace.at(-1)?.time ?? 0;
      const adds = events(run, "workqueue.add");
      for (const t of all) {
        if (t.done !== undefined) continue;
        const lost = adds.filter((a) => a.queue === t.get.queue && a.key === t.get.key && a.seq > t.get.seq).length;
        if (lost > 0 || end - t.get.time > 2_000) {
          return { pass: false, failedAtStep: t.get.seq,
            message: `${t.get.key} was taken with queue.get() at ${seconds(t.get.time)} and never handed back with queue.done(): ` +
              `the queue keeps it "processing" for ever, so ${lost === 1 ? "the change" : `the ${lost} changes`} after it never reach reconcile. Call done in a finally block` };
        }
      }
      return { pass: true };
    },
  },
  {
    id: "forget-after-success",
    title: {
      en: "After a reconcile succeeds, `queue.forget(key)` clears that key's failures, so its next failure waits 5 ms again, not longer and longer",
      "zh-CN": "reconcile 成功之后，`queue.forget(key)` 清除这个 key 的失败记录，这样它下次失败时又从 5 毫秒开始等，而不是越等越久",
    },
    check(run) {
      // A success is a turn without a rate-limited requeue; it must forget the key if the key has failures.
      const failures = new Map<string, number>();
      let anyFailure = false;
      for (const t of turns(run)) {
        const id = `${t.get.queue} ${t.get.key}`;
        if (t.rateLimited) {
          failures.set(id, (failures.get(id) ?? 0) + 1);
          anyFailure = true;
          continue;
        }
        if (t.forgot) {
          failures.delete(id);
          continue;
        }
        const n = failures.get(id) ?? 0;
        if (t.done !== undefined && n > 0) {
          // the consequence, when the trace shows it: the key's next requeue, with no forget in between
          const later = (e: { queue: string; key: string; seq: number }) => e.queue === t.get.queue && e.key === t.get.key && e.seq > t.done!.seq;
          const next = events(run, "workqueue.rateLimited", later)[0];
          const forgotFirst = next !== undefined && events(run, "workqueue.forget", (e) => later(e) && e.seq < next.seq).length > 0;
          return { pass: false, failedAtStep: t.done.seq,
            message: `the reconcile of ${t.get.key} at ${seconds(t.get.time)} succeeded, but the key's ${n} earlier failure${n === 1 ? " was" : "s were"} never forgotten` +
              (next === undefined || forgotFirst ? ", so its next failure will not start over at 5 ms. Call queue.forget(key) after a successful reconcile"
                : `: its next failure waited ${next.delayMs} ms as retry #${next.requeues} instead of 5 ms as retry #1. Call queue.forget(key) after a successful reconcile`) };
        }
      }
      return anyFailure ? { pass: true }
        : { pass: false, message: "no reconcile ever failed and was requeued with queue.addRateLimited(key), so forgetting was never tested: throw on a 409 Conflict" };
    },
  },
  {
    id: "conflicts-retried",
    title: {
      en: "409 Conflicts are retried with rate limiting: at least one ReplicaSet `updateStatus` got 409 (`errors.isConflict`), and each was followed by `queue.addRateLimited` of that key before its next successful write, and later by a reconcile of that key that succeeded",
      "zh-CN": "409 Conflict 会以限速的方式重试：至少有一次 ReplicaSet 的 `updateStatus` 得到 409（`errors.isConflict`），且每次之后，在该 key 的下一次成功写入之前，都先有一次 `queue.addRateLimited`，之后还有一次成功的 reconcile",
    },
    check(run) {
      const mine = new Map(learnerRequests(run).map((r) => [r.requestId, r]));
      const responses = events(run, "server.response").filter((r) => mine.has(r.requestId) && r.resource === "replicasets" && r.verb === "update");
      const conflicts = responses.filter((r) => r.code === 409);
      if (conflicts.length === 0) return { pass: false, message: "no status update ever got a 409 Conflict (did you write status at all?)" };
      const limited = events(run, "workqueue.rateLimited");
      const successes = turns(run).filter((t) => t.done !== undefined && !t.rateLimited);
      for (const c of conflicts) {
        const req = mine.get(c.requestId)!;
        const key = `${req.namespace ?? ""}/${req.name ?? ""}`;
        const nextWrite = responses.find((r) => r.seq > c.seq && r.code === 200 && mine.get(r.requestId)?.name === req.name &&
          mine.get(r.requestId)?.namespace === req.namespace);
        const requeue = limited.find((l) => l.seq > c.seq && l.key === key);
        if (requeue === undefined || (nextWrite !== undefined && nextWrite.seq < requeue.seq)) {
          return { pass: false, failedAtStep: nextWrite?.seq ?? c.seq,
            message: `after the 409 for ${key} at ${seconds(c.time)}, ${nextWrite === undefined ? "the key was never requeued with rate limiting"
              : `the next write of it (at ${seconds(nextWrite.time)}) came without a rate-limited requeue in between`}: ` +
              "let reconcile throw and call queue.addRateLimited(key) in your worker (the retry comes after a backoff, from a fresher cache)" };
        }
        if (!successes.some((t) => t.get.key === key && t.get.seq > requeue.seq)) {
          return { pass: false, failedAtStep: c.seq, message: `after the 409 for ${key}, no later reconcile of ${key} ever succeeded` };
        }
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
      const mine = learnerRequests(run).filter((r) => r.resource === "replicasets" && r.verb === "update");
      if (mine.length === 0) return { pass: false, message: "your code never wrote a ReplicaSet's status (`updateStatus`)" };
      const responses = new Map(events(run, "server.response").map((r) => [r.requestId, r]));
      const cached = events(run, "indexer.write", (e) => e.name === "replicasets" && e.op !== "delete");
      const replied = new Map<string, Set<string>>();
      for (const req of mine) {
        const key = `${req.namespace ?? ""}/${req.name ?? ""}`;
        const reply = responses.get(req.requestId);
        const rv = req.objectResourceVersion;
        if (reply?.code === 200) {
          if (rv === undefined) {
            return { pass: false, failedAtStep: req.seq,
              message: `the write of ${key} at ${seconds(req.time)} carried no resourceVersion, so it succeeded by overwriting whatever the server had: ` +
                "send a copy of the cached object (its metadata.resourceVersion kept); on a 409 let the workqueue retry" };
          }
          const seen = cached.some((w) => w.key === key && w.seq < req.seq && w.resourceVersion === rv) || replied.get(key)?.has(rv) === true;
          if (!seen) {
            return { pass: false, failedAtStep: req.seq,
              message: `the write of ${key} at ${seconds(req.time)} carried resourceVersion ${rv}, which neither your cache nor a reply to your own writes ever held: ` +
                "send the resourceVersion of the object you computed the status from" };
          }
          if (reply.resourceVersion !== undefined) replied.set(key, (replied.get(key) ?? new Set()).add(reply.resourceVersion));
        }
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

// A run that crashed (e.g. a hot requeue loop that blows the event budget) fails every goal with that reason.
export default { goals: goals.map(goal), seeds: 3 };
