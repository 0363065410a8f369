/**
 * waitForCacheSync (client-go tools/cache `WaitForCacheSync`, spec §7.9), on virtual time.
 *
 * Contract:
 * - Checks every `hasSynced` function in a task scheduled at once, then every 100 ms of virtual time,
 *   until all return true (⇒ the Promise resolves true) or `stop` is aborted (⇒ false, from a task
 *   scheduled as soon as the abort happens). The first check always happens, even with a `stop` that is
 *   already aborted: caches already synced then answer true (client-go WaitForCacheSync polls with
 *   wait.PollImmediateUntil, which runs the condition once before looking at the stop channel).
 * - The Promise is settled only from inside a scheduled task, never synchronously (API.md "Promises
 *   and virtual time"). No timer is left behind once it has settled.
 */
import type { Scheduler } from "../sim/scheduler.js";

export const CACHE_SYNC_POLL_MS = 100;

export function waitForCacheSync(scheduler: Scheduler, stop: AbortSignal,
                                 ...hasSynced: Array<() => boolean>): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    let settled = false;
    let timer = 0;
    const finish = (value: boolean): void => {
      if (settled) return;
      settled = true;
      if (timer !== 0) scheduler.clearTimeout(timer);
      timer = 0;
      stop.removeEventListener("abort", onAbort);
      resolve(value);
    };
    const onAbort = (): void => {
      if (settled) return;
      if (timer !== 0) scheduler.clearTimeout(timer);
      timer = scheduler.setTimeout(() => finish(false), 0);
    };
    const poll = (): void => {
      timer = 0;
      if (settled) return;
      let all = true;
      for (const fn of hasSynced) {
        if (!fn()) {
          all = false;
          break;
        }
      }
      if (all) finish(true);
      else if (stop.aborted) finish(false);
      else timer = scheduler.setTimeout(poll, CACHE_SYNC_POLL_MS);
    };
    // the first check happens even when `stop` is already aborted (PollImmediateUntil)
    if (!stop.aborted) stop.addEventListener("abort", onAbort, { once: true });
    timer = scheduler.setTimeout(poll, 0);
  });
}
