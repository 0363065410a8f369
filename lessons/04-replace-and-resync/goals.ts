/**
 * Lesson 04b goals: the learner's program is the informer around a DeltaFIFO whose knownObjects is its
 * cache. The trace shows the FIFO only (a standalone store is not traced), so the goals read what the
 * FIFO could only do with a cache that followed every pop: the relist's tombstones come from the cache
 * (a key that is neither listed nor queued), and resync replays exactly what the cache holds.
 * - relist-tombstone: a second Replace, after the scenario deleted pods, queues a tombstone for every
 *   key the first list had and the second has not;
 * - tombstone-logged: each popped tombstone is logged as `tombstone <key>` during its pop;
 * - resync-replays-cache: after the relist is drained, resync queues one Sync delta per pod of the second
 *   list, at that list's resourceVersion, and nothing else;
 * - drained: the queue ends empty.
 */
import { defineMessages, events, fail, goal, lastStep, pass, type Check, type Ev, type Goal, type RunResult } from "../_lib/goal-kit.js";

const M = defineMessages("replace-and-resync", {
  noReplace: {
    en: "Nothing was listed into the DeltaFIFO: call `fifo.replace(list.items, list.metadata.resourceVersion)` with a LIST's result.",
    "zh-CN": "没有任何 LIST 结果进入 DeltaFIFO：请用一次 LIST 的结果调用 `fifo.replace(list.items, list.metadata.resourceVersion)`。",
  },
  noRelist: {
    en: "`replace` ran once (step {step}). Wait 2 s with `sleep(2000)`, LIST again and call `fifo.replace` with the new list.",
    "zh-CN": "`replace` 只调用了一次（第 {step} 步）。请用 `sleep(2000)` 等待 2 秒，再 LIST 一次，并用新的列表调用 `fifo.replace`。",
  },
  relistTooEarly: {
    en: "The second `replace` (step {step}) listed every pod the first one had: it came before the scenario deleted anything. `sleep(2000)` before the second LIST.",
    "zh-CN": "第二次 `replace`（第 {step} 步）列出了第一次的所有 Pod：它发生在场景删除任何 Pod 之前。请在第二次 LIST 之前 `sleep(2000)`。",
  },
  noTombstone: {
    en: "The relist at step {step} queued no tombstone for {key}, which the first LIST had and the second has not. The DeltaFIFO finds such a key only in its knownObjects: apply every popped delta to the store you gave it as knownObjects.",
    "zh-CN": "第 {step} 步的重新 LIST 没有为 {key} 排入墓碑：第一次 LIST 有它，第二次没有。DeltaFIFO 只能在 knownObjects 里找到这样的 key：请把每个 pop 出来的 delta 都应用到你作为 knownObjects 传入的 store 上。",
  },
  tombstoneNotLogged: {
    en: "The pop at step {step} handed over a tombstone for {key}; the log should show \"tombstone {key}\" during that pop, it shows {saw}.",
    "zh-CN": "第 {step} 步的 pop 交出了 {key} 的墓碑；这次 pop 期间日志里应出现“tombstone {key}”，实际是：{saw}。",
  },
  noTombstonePopped: {
    en: "No tombstone was popped: drain the DeltaFIFO after the relist.",
    "zh-CN": "没有 pop 出任何墓碑：重新 LIST 之后请把 DeltaFIFO 取空。",
  },
  noResync: {
    en: "No Sync delta was queued after the relist (step {step}): call `fifo.resync()` once the relist is drained.",
    "zh-CN": "重新 LIST（第 {step} 步）之后没有排入任何 Sync delta：请在取空重新 LIST 的结果之后调用 `fifo.resync()`。",
  },
  resyncSkipped: {
    en: "Resync skipped {key} at step {step} because something was still queued for it: drain the relist before `resync()`.",
    "zh-CN": "第 {step} 步 resync 跳过了 {key}，因为它还有排队的 delta：请先取空重新 LIST 的结果，再调用 `resync()`。",
  },
  resyncMissing: {
    en: "Resync did not replay {key}, which the second LIST returned: the cache does not hold it. Put every Replaced (and Added, Updated, Sync) delta into the store.",
    "zh-CN": "resync 没有重放 {key}，而第二次 LIST 返回了它：缓存里没有它。请把每个 Replaced（以及 Added、Updated、Sync）delta 放进 store。",
  },
  resyncExtra: {
    en: "Resync replayed {key} at step {step}, but the server deleted it: the cache still holds it. A Deleted delta (a tombstone too) must remove the key from the store.",
    "zh-CN": "第 {step} 步 resync 重放了 {key}，但 API Server 已经删除了它：缓存里还留着它。Deleted delta（墓碑也一样）必须把这个 key 从 store 中删除。",
  },
  resyncStale: {
    en: "Resync replayed {key} at resourceVersion {got} (step {step}); the second LIST had {want}: the cache kept the old version. Store the newest state of every delta.",
    "zh-CN": "第 {step} 步 resync 重放的 {key} 的 resourceVersion 是 {got}，而第二次 LIST 给出的是 {want}：缓存留着旧版本。请为每个 delta 存入最新状态。",
  },
  stillQueued: {
    en: "{key} is still queued at the end: pop until `pop` returns `undefined`.",
    "zh-CN": "运行结束时 {key} 仍在排队：请一直 pop，直到 `pop` 返回 `undefined`。",
  },
});

type Queued = Ev<"fifo.queued">;

/** The two replaces (first LIST, relist) and what each listed: key → resourceVersion. */
function lists(run: RunResult): { first?: Ev<"fifo.replace">; second?: Ev<"fifo.replace">; firstKeys: Map<string, string>; secondKeys: Map<string, string> } {
  const [first, second] = events(run, "fifo.replace");
  const listed = (from: number, to: number) => new Map(events(run, "fifo.queued", (e) => e.seq > from && e.seq < to && e.delta.type === "Replaced")
    .map((e): [string, string] => [e.key, e.delta.rv]));
  return {
    first, second,
    firstKeys: first === undefined ? new Map() : listed(0, first.seq),
    secondKeys: first === undefined || second === undefined ? new Map() : listed(first.seq, second.seq),
  };
}

/** relist-tombstone's check, shared with resync-replays-cache (which needs the relist first). */
function relistCheck(run: RunResult): Check {
  const { first, second, firstKeys, secondKeys } = lists(run);
  if (first === undefined) return fail(M.noReplace());
  if (second === undefined) return fail(M.noRelist({ step: first.seq }), first.seq);
  const vanished = [...firstKeys.keys()].filter((k) => !secondKeys.has(k));
  if (vanished.length === 0) return fail(M.relistTooEarly({ step: second.seq }), second.seq);
  for (const key of vanished) {
    const tomb = events(run, "fifo.queued", (e) => e.seq > first.seq && e.seq < second.seq && e.key === key && e.delta.type === "Deleted" && e.delta.tombstone === true);
    if (tomb.length === 0) return fail(M.noTombstone({ step: second.seq, key }), second.seq);
  }
  return pass;
}

const relistTombstone: Goal = goal({
  id: "relist-tombstone",
  title: {
    en: "After 2 s, LIST again and `replace`: every pod deleted in between comes back as a tombstone, found in your cache (knownObjects)",
    "zh-CN": "2 秒之后再 LIST 一次并 `replace`：期间被删除的每个 Pod 都以墓碑的形式回来，它是从你的缓存（knownObjects）里找到的",
  },
  check: relistCheck,
});

const tombstoneLogged: Goal = goal({
  id: "tombstone-logged",
  title: {
    en: "Log `tombstone <key>` while popping each tombstone (a `cache.DeletedFinalStateUnknown`)",
    "zh-CN": "pop 出每个墓碑（`cache.DeletedFinalStateUnknown`）时打印 `tombstone <key>`",
  },
  check(run) {
    const pops = events(run, "fifo.popped");
    const withTomb = pops.filter((p) => p.deltas.some((d) => d.tombstone === true));
    if (withTomb.length === 0) return fail(M.noTombstonePopped());
    for (const p of withTomb) {
      const next = pops.find((q) => q.seq > p.seq)?.seq ?? lastStep(run) + 1;
      const lines = run.log.filter((l) => l.step > p.seq && l.step < next).map((l) => l.text);
      if (!lines.includes(`tombstone ${p.key}`)) return fail(M.tombstoneNotLogged({ step: p.seq, key: p.key, saw: { lines } }), p.seq);
    }
    return pass;
  },
});

const resyncReplaysCache: Goal = goal({
  id: "resync-replays-cache",
  title: {
    en: "Once the relist is drained, `resync()`: one Sync delta per pod of the second LIST, at its resourceVersion, and nothing else",
    "zh-CN": "取空重新 LIST 的结果之后调用 `resync()`：第二次 LIST 中的每个 Pod 各一个 Sync delta，resourceVersion 与 LIST 一致，此外没有别的",
  },
  check(run) {
    const { second, secondKeys } = lists(run);
    if (second === undefined) return relistCheck(run);
    const skipped = events(run, "fifo.skipped", (e) => e.seq > second.seq && e.reason === "resyncQueued")[0];
    if (skipped !== undefined) return fail(M.resyncSkipped({ key: skipped.key, step: skipped.seq }), skipped.seq);
    const syncs: Queued[] = events(run, "fifo.queued", (e) => e.seq > second.seq && e.delta.type === "Sync");
    if (syncs.length === 0) return fail(M.noResync({ step: second.seq }), second.seq);
    for (const s of syncs) {
      const want = secondKeys.get(s.key);
      if (want === undefined) return fail(M.resyncExtra({ key: s.key, step: s.seq }), s.seq);
      if (want !== s.delta.rv) return fail(M.resyncStale({ key: s.key, got: s.delta.rv, want, step: s.seq }), s.seq);
    }
    const synced = new Set(syncs.map((s) => s.key));
    const missing = [...secondKeys.keys()].find((k) => !synced.has(k));
    if (missing !== undefined) return fail(M.resyncMissing({ key: missing }), syncs[0]!.seq);
    return pass;
  },
});

const drained: Goal = goal({
  id: "drained",
  title: {
    en: "The DeltaFIFO ends empty: pop until `pop` returns `undefined`",
    "zh-CN": "DeltaFIFO 最终为空：一直 pop，直到 `pop` 返回 `undefined`",
  },
  check(run) {
    const lastQueued = events(run, "fifo.queued").at(-1);
    if (lastQueued === undefined) return fail(M.noReplace());
    const lastPop = events(run, "fifo.popped").at(-1);
    if (lastPop === undefined || lastPop.seq < lastQueued.seq || lastPop.queueLength !== 0) {
      return fail(M.stillQueued({ key: lastQueued.key }), lastQueued.seq);
    }
    return pass;
  },
});

export default { goals: [relistTombstone, tombstoneLogged, resyncReplaysCache, drained], seeds: 3 };
