import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Scheduler } from "../../../src/sim/scheduler.js";
import { Recorder, asKnown } from "../../../src/sim/trace.js";
import { foldTrace } from "../../../src/sim/view.js";
import { newController } from "../../../src/workqueue/index.js";
import { drive } from "./helpers.js";

const KEYS = ["a", "b", "c", "d", "e"];

const arbRun = fc.record({
  workers: fc.integer({ min: 1, max: 4 }),
  adds: fc.array(fc.record({ at: fc.integer({ min: 0, max: 300 }), key: fc.constantFrom(...KEYS) }),
    { minLength: 1, maxLength: 40 }),
  // For each key, the outcome of its successive reconciles (true = fail); attempts past the end succeed.
  failures: fc.dictionary(fc.constantFrom(...KEYS), fc.array(fc.boolean(), { maxLength: 6 })),
  // Reconcile durations (virtual ms), used round-robin; 0 means synchronous.
  durations: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 10 }),
});

describe("controller property: several workers, random adds and failures", () => {
  it("never holds a key twice, never loses an add, retries on the limiter's schedule, and traces the truth", async () => {
    await fc.assert(fc.asyncProperty(arbRun, async ({ workers, adds, failures, durations }) => {
      const s = new Scheduler({ seed: 7 });
      const rec = new Recorder(s);
      const held = new Map<string, number>();
      const violations: string[] = [];
      const attempts = new Map<string, number>();
      const starts: Array<{ key: string; seq: number; time: number }> = [];
      const userAdds: Array<{ key: string; seq: number; time: number }> = [];
      let d = 0;

      const c = newController<string>({
        name: "prop", workers, scheduler: s, tracer: rec, maxRetries: Infinity,
        reconcile: (key, worker) => {
          if (held.has(key)) violations.push(`${key} held by ${held.get(key)} and ${worker}`);
          held.set(key, worker);
          starts.push({ key, seq: rec.events.length, time: s.now() });
          const n = attempts.get(key) ?? 0;
          attempts.set(key, n + 1);
          const fail = failures[key]?.[n] ?? false;
          const duration = durations[d++ % durations.length] ?? 0;
          const finish = (): void => {
            held.delete(key);
            if (fail) throw new Error(`fail ${key}#${n}`);
          };
          if (duration === 0) { finish(); return; }
          return new Promise<void>((resolve, reject) => {
            s.setTimeout(() => { try { finish(); resolve(); } catch (e) { reject(e); } }, duration);
          });
        },
      });
      const stop = new AbortController();
      c.run(stop.signal);
      // 4. The trace tells the truth: folding it (the UI's WorldView reducer) gives the real queue's picture.
      const pictures: string[] = [];
      const compare = (): void => {
        const view = foldTrace(rec.events).workqueues.get("prop");
        const real = {
          queue: c.queue.queued(),
          processing: KEYS.filter((k) => c.queue.isProcessing(k)),
          // (an entry due exactly now may still wait for its timer task: compare the future only)
          delayed: c.queue.waitingItems().filter((w) => w.readyAt > s.now()).map((w) => `${w.item}@${w.readyAt}`).sort(),
        };
        const seen = {
          queue: view?.queue ?? [],
          processing: [...(view?.processing.keys() ?? [])].sort(),
          delayed: [...(view?.delayed ?? [])].filter(([, t]) => t > s.now()).map(([k, t]) => `${k}@${t}`).sort(),
        };
        if (JSON.stringify(real) !== JSON.stringify(seen)) pictures.push(`t=${s.now()} real ${JSON.stringify(real)} view ${JSON.stringify(seen)}`);
      };
      for (const { at, key } of adds) {
        s.setTimeout(() => {
          userAdds.push({ key, seq: rec.events.length + 1, time: s.now() });
          c.queue.add(key);
          compare();
        }, at);
        s.setTimeout(compare, at + 3);
      }
      // Run until idle: with no polling the scheduler empties once every key is reconciled successfully.
      for (let guard = 0; guard < 200 && s.pending() > 0; guard++) await drive(s, 1000);
      expect(s.pending()).toBe(0);

      // 1. No key is ever held by two workers at once.
      expect(violations).toEqual([]);
      expect(pictures).toEqual([]);

      // 2. No add is lost: every key's last user add is followed by a reconcile of that key.
      for (const key of KEYS) {
        const last = userAdds.filter((u) => u.key === key).at(-1);
        if (last === undefined) continue;
        expect(starts.some((st) => st.key === key && st.seq >= last.seq)).toBe(true);
      }

      // 3. Delays follow the limiter (default: 5 ms × 2^failures-since-last-success, burst never exceeded here),
      //    and a retried key is not reconciled before its ready time unless a user add came in between.
      const events = rec.events.map(asKnown);
      const consecutive = new Map<string, number>();
      for (const e of events) {
        if (e.kind === "worker.result") {
          if (e.result === "success") consecutive.set(e.key, 0);
        } else if (e.kind === "workqueue.rateLimited") {
          const n = consecutive.get(e.key) ?? 0;
          expect(e.delayMs).toBe(5 * 2 ** n);
          expect(e.requeues).toBe(n + 1);
          consecutive.set(e.key, n + 1);
          // The addAfter that follows carries the effective ready time (an earlier pending retry wins).
          const after = events[e.seq];
          expect(after).toMatchObject({ kind: "workqueue.addAfter", key: e.key, delayMs: e.delayMs });
          const readyAt = after?.kind === "workqueue.addAfter" ? after.readyAt : Infinity;
          expect(readyAt).toBeLessThanOrEqual(e.time + e.delayMs);
          const next = starts.find((st) => st.key === e.key && st.seq > e.seq);
          if (next !== undefined && next.time < readyAt) {
            // Only another add of the key (a user add, or an older retry firing) during the failed reconcile
            // or after it may bring the next reconcile before the ready time; the retry itself never fires early.
            const failedStart = starts.filter((st) => st.key === e.key && st.seq < e.seq).at(-1);
            const since = failedStart?.seq ?? 0;
            const otherAdd = events.some((a) => a.kind === "workqueue.add" && a.key === e.key && a.seq > since
              && a.seq <= next.seq && a.time < readyAt);
            expect(otherAdd).toBe(true);
          }
        }
      }
      stop.abort();
      await drive(s, 1);
      expect(c.activeWorkers()).toBe(0);
    }), { numRuns: 150, seed: 20261126 });
  });
});
