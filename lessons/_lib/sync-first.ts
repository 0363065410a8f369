/**
 * sync-first — the goal every controller lesson (12, 13, 14) shares: workers start only after the
 * informers' caches synced (client-go's `cache.WaitForCacheSync` before `go wait.Until(runWorker, …)`).
 *
 * Contract: `syncBeforeWork({ id })` (goals.ts files write the id on its own line: the lessons e2e reads
 * goal ids there) is a goal that passes when the run's first `workqueue.get` (a worker taking a key)
 * comes after a `runner.cacheSync` (the learner's `cache.waitForCacheSync` / `factory.waitForCacheSync`
 * returning) that resolved true with every hasSynced answering true and
 * covering as many informers as had started by then (one hasSynced per informer the reconcile reads).
 * A run in which no worker ever takes a key passes here (other goals say why nothing was reconciled).
 * It reads the trace only: runner.cacheSync, workqueue.get, reflector.state.
 */
import { defineMessages, events, fail, goal, pass, type Goal } from "./goal-kit.js";

const M = defineMessages("sync-first", {
  noSync: {
    en: "A worker took {key} at step {step} before `waitForCacheSync` had returned true: start the workers only after the caches synced (a reconcile on a half-filled cache sees objects as missing).",
    "zh-CN": "第 {step} 步，worker 在 `waitForCacheSync` 返回 true 之前就取走了 {key}：请在缓存同步之后再启动 worker（在只填了一半的缓存上协调，会把对象当成不存在）。",
  },
  partialSync: {
    en: "`waitForCacheSync` (step {syncStep}) waited for {waited} hasSynced function(s), but {started} informers had started ({names}): wait for every informer your reconcile reads before a worker takes a key (step {step}).",
    "zh-CN": "`waitForCacheSync`（第 {syncStep} 步）只等待了 {waited} 个 hasSynced 函数，但已经启动了 {started} 个 Informer（{names}）：在 worker 取 key（第 {step} 步）之前，请等待协调时要读的每一个 Informer。",
  },
});

export function syncBeforeWork({ id }: { id: string }): Goal {
  return goal({
    id,
    title: {
      en: "Sync first: your workers take their first key only after `cache.waitForCacheSync` returned true for every informer you started",
      "zh-CN": "先同步：只有在 `cache.waitForCacheSync` 对你启动的每个 Informer 都返回 true 之后，worker 才取第一个 key",
    },
    check(run) {
      const first = events(run, "workqueue.get")[0];
      if (first === undefined) return pass;
      const synced = events(run, "runner.cacheSync", (e) => e.seq < first.seq && e.synced && e.results.every((r) => r));
      const last = synced.at(-1);
      if (last === undefined) return fail(M.noSync({ key: first.key, step: first.seq }), first.seq);
      const started = [...new Set(events(run, "reflector.state", (e) => e.seq < first.seq).map((e) => e.name))];
      const waited = last.resources?.length ?? last.results.length;
      if (waited < started.length) {
        return fail(M.partialSync({ syncStep: last.seq, waited, started: started.length, names: started.join(", "), step: first.seq }), first.seq);
      }
      return pass;
    },
  });
}
