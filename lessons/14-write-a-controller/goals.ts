import { type Goal, type KubeObject, type Pod, type ReplicaSet, type RunResult, type TraceKind } from "../../src/index.js";
import { defineMessages, events, fail, goal, learnerRequests, pass, type Ev } from "../_lib/goal-kit.js";
import { syncBeforeWork } from "../_lib/sync-first.js";

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
  usedController: {
    en: "This run used workqueue.newController, which runs the worker loop for you: write runWorker yourself with queue.get, queue.done and queue.forget.",
    "zh-CN": "这次运行用了 workqueue.newController，它替你运行了 worker 循环：请自己用 queue.get、queue.done 和 queue.forget 写出 runWorker。",
  },
  noGet: {
    en: "No worker ever took a key from a workqueue with queue.get(): start your workers after waitForCacheSync.",
    "zh-CN": "没有任何 worker 用 queue.get() 从工作队列取过 key：请在 waitForCacheSync 之后启动你的 worker。",
  },
  neverDone: {
    en: "{key} was taken with queue.get() at {at} and never handed back with queue.done(): the queue keeps it \"processing\" for ever, so {lost} later change(s) to it never reach reconcile. Call done in a finally block.",
    "zh-CN": "{key} 在 {at} 被 queue.get() 取出，却从未用 queue.done() 交还：队列永远把它当作“处理中”，之后它的 {lost} 次变化都到不了 reconcile。请在 finally 块里调用 done。",
  },
  notForgotten: {
    en: "The reconcile of {key} at {at} succeeded, but the key's {failures} earlier failure(s) were never forgotten, so its next failure does not start over at 5 ms. Call queue.forget(key) after a successful reconcile.",
    "zh-CN": "{key} 在 {at} 的 reconcile 成功了，但这个 key 之前的 {failures} 次失败从未被清除，所以它下次失败时不会从 5 毫秒重新开始。请在 reconcile 成功之后调用 queue.forget(key)。",
  },
  notForgottenSeen: {
    en: "The reconcile of {key} at {at} succeeded, but the key's {failures} earlier failure(s) were never forgotten: its next failure waited {delay} as retry #{retry} instead of 5 ms as retry #1. Call queue.forget(key) after a successful reconcile.",
    "zh-CN": "{key} 在 {at} 的 reconcile 成功了，但这个 key 之前的 {failures} 次失败从未被清除：它下次失败时等了 {delay}，是第 {retry} 次重试，而不是第 1 次重试的 5 毫秒。请在 reconcile 成功之后调用 queue.forget(key)。",
  },
  neverFailed: {
    en: "No reconcile ever failed and was requeued with queue.addRateLimited(key), so forgetting was never tested: let reconcile throw on a 409 Conflict.",
    "zh-CN": "没有任何 reconcile 失败并用 queue.addRateLimited(key) 重新入队，所以 forget 从未被检验：遇到 409 Conflict 时让 reconcile 抛出异常。",
  },
  noConflict: {
    en: "No status update ever got a 409 Conflict (did you write status at all?).",
    "zh-CN": "没有任何状态更新得到过 409 Conflict（你写过 status 吗？）。",
  },
  neverRequeued: {
    en: "After the 409 for {key} at {at} (step {step}) the key was never requeued with rate limiting: let reconcile throw and call queue.addRateLimited(key) in your worker (the retry comes after a backoff, from a fresher cache).",
    "zh-CN": "{key} 在 {at} 收到 409（第 {step} 步）之后，这个 key 从未以限速的方式重新入队：请让 reconcile 抛出异常，并在 worker 里调用 queue.addRateLimited(key)（重试会在退避之后进行，读取更新后的缓存）。",
  },
  writtenWithoutRequeue: {
    en: "After the 409 for {key} at {at} (step {step}) its next write (at {nextAt}) came without a rate-limited requeue in between: let reconcile throw and call queue.addRateLimited(key) in your worker (the retry comes after a backoff, from a fresher cache).",
    "zh-CN": "{key} 在 {at} 收到 409（第 {step} 步）之后，下一次写入（{nextAt}）之前没有限速的重新入队：请让 reconcile 抛出异常，并在 worker 里调用 queue.addRateLimited(key)（重试会在退避之后进行，读取更新后的缓存）。",
  },
  neverSucceeded: {
    en: "After the 409 for {key} (step {step}), no later reconcile of {key} ever succeeded.",
    "zh-CN": "{key} 收到 409（第 {step} 步）之后，{key} 后来的 reconcile 再也没有成功过。",
  },
  neverWrote: {
    en: "Your code never wrote a ReplicaSet's status (`updateStatus`).",
    "zh-CN": "你的代码从未写过 ReplicaSet 的 status（`updateStatus`）。",
  },
  blindWrite: {
    en: "The write of {key} at {at} (step {step}) carried no resourceVersion, so it succeeded by overwriting whatever the server had: send a copy of the cached object (its metadata.resourceVersion kept); on a 409 let the workqueue retry.",
    "zh-CN": "{at}（第 {step} 步）对 {key} 的写入没有带 resourceVersion，所以它靠覆盖服务器上的对象才成功：请发送缓存对象的副本（保留它的 metadata.resourceVersion）；遇到 409 时让工作队列重试。",
  },
  unseenRv: {
    en: "The write of {key} at {at} (step {step}) carried resourceVersion {rv}, which neither your cache nor a reply to your own writes ever held: send the resourceVersion of the object you computed the status from.",
    "zh-CN": "{at}（第 {step} 步）对 {key} 的写入带的 resourceVersion 是 {rv}，而你的缓存和你自己写入的回复里都从未出现过它：请发送你计算 status 时所依据的那个对象的 resourceVersion。",
  },
  serverRead: {
    en: "Your code sent a {verb} for {resource} to the server at step {step}; read the lister instead.",
    "zh-CN": "你的代码在第 {step} 步向服务器发送了 {resource} 的 {verb} 请求；请改为读取 Lister。",
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
    id: "own-worker-loop",
    title: {
      en: "Your own worker loop: every key a worker takes with `queue.get` is handed back with `queue.done`, whatever reconcile did (no `workqueue.newController`, which hides the loop)",
      "zh-CN": "你自己的 worker 循环：worker 用 `queue.get` 取出的每个 key，无论 reconcile 结果如何，都用 `queue.done` 交还（不用把循环藏起来的 `workqueue.newController`）",
    },
    check(run) {
      const started = events(run, "worker.started")[0];
      if (started !== undefined) return fail(M.usedController(), started.seq);
      const all = turns(run);
      if (all.length === 0) return fail(M.noGet());
      const end = run.trace.at(-1)?.time ?? 0;
      const adds = events(run, "workqueue.add");
      for (const t of all) {
        if (t.done !== undefined) continue;
        const lost = adds.filter((a) => a.queue === t.get.queue && a.key === t.get.key && a.seq > t.get.seq).length;
        // still in reconcile when the run ended is fine; stuck with changes waiting (or for 2 s) is not
        if (lost > 0 || end - t.get.time > 2_000) return fail(M.neverDone({ key: t.get.key, at: { ms: t.get.time }, lost }), t.get.seq);
      }
      return pass;
    },
  }),
  goal({
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
        const done = t.done;
        if (done === undefined || n === 0) continue;
        // the consequence, when the trace shows it: the key's next requeue, with no forget in between
        const later = (e: { queue: string; key: string; seq: number }) => e.queue === t.get.queue && e.key === t.get.key && e.seq > done.seq;
        const next = events(run, "workqueue.rateLimited", later)[0];
        const forgotFirst = next !== undefined && events(run, "workqueue.forget", (e) => later(e) && e.seq < next.seq).length > 0;
        const base = { key: t.get.key, at: { ms: t.get.time }, failures: n };
        return fail(next === undefined || forgotFirst ? M.notForgotten(base)
          : M.notForgottenSeen({ ...base, delay: { ms: next.delayMs }, retry: next.requeues }), done.seq);
      }
      return anyFailure ? pass : fail(M.neverFailed());
    },
  }),
  goal({
    id: "conflicts-retried",
    title: {
      en: "409 Conflicts are retried with rate limiting: at least one ReplicaSet `updateStatus` got 409 (`errors.isConflict`), and each was followed by `queue.addRateLimited` of that key before its next successful write, and later by a reconcile of that key that succeeded",
      "zh-CN": "409 Conflict 会以限速的方式重试：至少有一次 ReplicaSet 的 `updateStatus` 得到 409（`errors.isConflict`），且每次之后，在该 key 的下一次成功写入之前，都先有一次 `queue.addRateLimited`，之后还有一次成功的 reconcile",
    },
    check(run) {
      const mine = new Map(learnerRequests(run).map((r) => [r.requestId, r]));
      const responses = events(run, "server.response").filter((r) => mine.has(r.requestId) && r.resource === "replicasets" && r.verb === "update");
      const conflicts = responses.filter((r) => r.code === 409);
      if (conflicts.length === 0) return fail(M.noConflict());
      const limited = events(run, "workqueue.rateLimited");
      const successes = turns(run).filter((t) => t.done !== undefined && !t.rateLimited);
      for (const c of conflicts) {
        const req = mine.get(c.requestId)!;
        const key = `${req.namespace ?? ""}/${req.name ?? ""}`;
        const nextWrite = responses.find((r) => r.seq > c.seq && r.code === 200 && mine.get(r.requestId)?.name === req.name &&
          mine.get(r.requestId)?.namespace === req.namespace);
        const requeue = limited.find((l) => l.seq > c.seq && l.key === key);
        if (requeue === undefined || (nextWrite !== undefined && nextWrite.seq < requeue.seq)) {
          return nextWrite === undefined
            ? fail(M.neverRequeued({ key, at: { ms: c.time }, step: c.seq }), c.seq)
            : fail(M.writtenWithoutRequeue({ key, at: { ms: c.time }, step: c.seq, nextAt: { ms: nextWrite.time } }), nextWrite.seq);
        }
        if (!successes.some((t) => t.get.key === key && t.get.seq > requeue.seq)) return fail(M.neverSucceeded({ key, step: c.seq }), c.seq);
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
      // server.request.objectResourceVersion: the resourceVersion the sent object carried (absent: none).
      const mine = learnerRequests(run).filter((r) => r.resource === "replicasets" && r.verb === "update");
      if (mine.length === 0) return fail(M.neverWrote());
      const responses = new Map(events(run, "server.response").map((r) => [r.requestId, r]));
      const cached = events(run, "indexer.write", (e) => e.name === "replicasets" && e.op !== "delete");
      const replied = new Map<string, Set<string>>();
      for (const req of mine) {
        const key = `${req.namespace ?? ""}/${req.name ?? ""}`;
        const reply = responses.get(req.requestId);
        if (reply?.code !== 200) continue;
        const rv = req.objectResourceVersion;
        const where = { key, at: { ms: req.time }, step: req.seq };
        if (rv === undefined) return fail(M.blindWrite(where), req.seq);
        const seen = cached.some((w) => w.key === key && w.seq < req.seq && w.resourceVersion === rv) || replied.get(key)?.has(rv) === true;
        if (!seen) return fail(M.unseenRv({ ...where, rv }), req.seq);
        if (reply.resourceVersion !== undefined) replied.set(key, (replied.get(key) ?? new Set<string>()).add(reply.resourceVersion));
      }
      return pass;
    },
  }),
  goal({
    id: "reads-the-cache",
    title: {
      en: "Level-triggered from the lister: your code never lists or gets pods or ReplicaSets from the server (only the informers' reflectors do)",
      "zh-CN": "从 Lister 出发的水平触发：你的代码从不向 API Server list 或 get Pod 和 ReplicaSet（只有 Informer 的 reflector 会这样做）",
    },
    check(run) {
      // learnerRequests: not a reflector's, not a scenario op's (label, apply read the object first) nor a stage action's.
      const bad = learnerRequests(run).find((r) =>
        (r.verb === "list" || r.verb === "get") && (r.resource === "pods" || r.resource === "replicasets"));
      return bad ? fail(M.serverRead({ verb: bad.verb.toUpperCase(), resource: bad.resource, step: bad.seq }), bad.seq) : pass;
    },
  }),
  syncBeforeWork({
    id: "sync-before-work",
  }),
];

export default { goals, seeds: 3 };
