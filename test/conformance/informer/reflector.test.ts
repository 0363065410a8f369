/** spec client-go.md §12.E — Reflector scenarios 73–100, against a scriptable fake ListerWatcher. */
import { describe, expect, it } from "vitest";
import { newApiError, Recorder, Reflector, Scheduler, type ReflectorOptions } from "../../../src/index.js";
import {
  bookmark, expired, FakeListerWatcher, pod, RecordingStore, refused, tooMany, type ListScript, type Obj,
} from "../../unit/informer/fakes.js";

function setup(script: ListScript, options: Partial<ReflectorOptions> = {}) {
  const scheduler = new Scheduler({ seed: 7 });
  const recorder = new Recorder(scheduler);
  const lw = new FakeListerWatcher(scheduler, script);
  const store = new RecordingStore();
  const errors: Error[] = [];
  const r = new Reflector(lw, store, {
    scheduler, name: "pods", tracer: recorder, expectedKind: "Pod",
    watchErrorHandler: (e) => errors.push(e), ...options,
  });
  const stop = new AbortController();
  return { scheduler, recorder, lw, store, errors, r, stop, run: () => r.run(stop.signal) };
}
const kinds = (rec: Recorder, kind: string) => rec.events.filter((e) => e.kind === kind);

describe("§12.E Reflector", () => {
  it("73: list mode — one list (RV 0, limit 500), one watch from the list RV with bookmarks and a timeout", () => {
    const t = setup(() => ({ items: [pod("foo", 1)], rv: "1" }));
    t.run();
    t.scheduler.flush();
    const w = t.lw.last;
    w.event("MODIFIED", pod("foo", 2));
    for (const [n, rv] of [["bar", 3], ["baz", 4], ["qux", 5], ["zoo", 6]] as const) w.event("ADDED", pod(n, rv));
    expect(t.store.snapshot()).toEqual({ bar: "3", baz: "4", foo: "2", qux: "5", zoo: "6" });
    expect(t.lw.lists).toEqual([{ resourceVersion: "0", limit: 500 }]);
    expect(t.lw.watches).toHaveLength(1);
    expect(w.options.resourceVersion).toBe("1");
    expect(w.options.allowWatchBookmarks).toBe(true);
    expect(w.options.timeoutSeconds).toBeGreaterThanOrEqual(300);
    expect(w.options.timeoutSeconds).toBeLessThan(600);
    expect(t.r.lastSyncResourceVersion()).toBe("6");
  });

  it("74: watch-list mode — no list call, one watch from RV \"\" with sendInitialEvents", () => {
    const t = setup(() => { throw new Error("no list expected"); }, { watchList: true });
    t.run();
    t.scheduler.flush();
    const w = t.lw.last;
    w.event("ADDED", pod("foo", 1));
    w.event("BOOKMARK", bookmark("1", "true"));
    w.event("MODIFIED", pod("foo", 2));
    for (const [n, rv] of [["bar", 3], ["baz", 4], ["qux", 5], ["zoo", 6]] as const) w.event("ADDED", pod(n, rv));
    expect(t.store.snapshot()).toEqual({ bar: "3", baz: "4", foo: "2", qux: "5", zoo: "6" });
    expect(t.lw.lists).toHaveLength(0);
    expect(t.lw.watches).toHaveLength(1);
    expect(w.options).toMatchObject({ resourceVersion: "", sendInitialEvents: true,
      resourceVersionMatch: "NotOlderThan", allowWatchBookmarks: true });
  });

  it("75: wrong-type objects are skipped; the last RV is assigned, not maxed", () => {
    const t = setup(() => ({ items: [pod("foo", 1), pod("bar", 2)], rv: "2" }));
    t.run();
    t.scheduler.flush();
    const w = t.lw.last;
    w.event("ADDED", { kind: "Service", metadata: { name: "rejected", namespace: "ns", resourceVersion: "60" } });
    w.event("DELETED", pod("foo", 3));
    w.event("MODIFIED", pod("bar", 55));
    w.event("ADDED", pod("baz", 32));
    expect(t.store.snapshot()).toEqual({ bar: "55", baz: "32" });
    expect(t.r.lastSyncResourceVersion()).toBe("32");
  });

  it("76: the store's RV updater sees every accepted event's RV in order", () => {
    const t = setup(() => ({ items: [], rv: "10" }));
    t.run();
    t.scheduler.flush();
    const w = t.lw.last;
    w.event("ADDED", pod("a", 10));
    w.event("MODIFIED", pod("a", 20));
    w.event("BOOKMARK", bookmark("30"));
    w.event("DELETED", pod("a", 40));
    expect(t.store.rvUpdates).toEqual(["10", "20", "30", "40"]);
  });

  const pods = (n: number, from = 0) => Array.from({ length: n }, (_, i) => pod(`p${from + i}`, 1 + from + i));

  it("77: relist uses the last synced RV", () => {
    const t = setup((_o, call) => call === 0 ? { items: pods(4), rv: "10" } : { items: pods(8), rv: "11" });
    t.run();
    t.scheduler.flush();
    t.lw.last.error(410, "Expired");
    t.scheduler.advance(2000);
    expect(t.lw.lists.map((o) => o.resourceVersion)).toEqual(["0", "10"]);
    expect(t.store.items.size).toBe(8);
  });

  it("78: a 410 on the relist retries at once with RV \"\"", () => {
    const t = setup((o, call) => call === 0 ? { items: pods(4), rv: "10" }
      : o.resourceVersion === "10" ? { error: expired() } : { items: pods(8), rv: "11" });
    t.run();
    t.scheduler.flush();
    t.lw.last.error(410, "Expired");
    t.scheduler.advance(2000);
    expect(t.lw.lists.map((o) => o.resourceVersion)).toEqual(["0", "10", ""]);
    expect(t.store.items.size).toBe(8);
    expect(kinds(t.recorder, "reflector.backoff")).toHaveLength(1); // only the watch-expiry backoff
  });

  it("79: an expired continuation falls back to one full list at the requested RV", () => {
    const t = setup((o, call) => {
      if (call === 0) return { items: pods(4), rv: "10" };
      if (call === 1) return { items: pods(4), rv: "10", continue: "C1" };
      if (call === 2) return { error: expired() };
      return { items: pods(8), rv: "10" };
    }, { pageSize: 4 });
    t.run();
    t.scheduler.flush();
    t.lw.last.error(410, "Expired");
    t.scheduler.advance(2000);
    expect(t.lw.lists).toEqual([
      { resourceVersion: "0", limit: 4 },
      { resourceVersion: "10", limit: 4 },
      { resourceVersion: "", continue: "C1", limit: 4 },
      { resourceVersion: "10" },
    ]);
    expect(t.store.items.size).toBe(8);
  });

  it("80: 'too large resource version' in three shapes each retries at once with RV \"\"", () => {
    const shapes = [
      newApiError(504, "Timeout", "timeout", { causes: [{ reason: "ResourceVersionTooLarge", message: "x" }] }),
      newApiError(504, "Timeout", "timeout", { causes: [{ message: "Too large resource version" }] }),
      newApiError(504, "Timeout", "Too large resource version"),
    ];
    let shape = 0;
    let rv = 20;
    const t = setup((o) => {
      if (o.resourceVersion !== "0" && o.resourceVersion !== "") return { error: shapes[shape++]! };
      const reply = { items: [], rv: String(rv) };
      rv += 10;
      return reply;
    });
    t.run();
    t.scheduler.flush();
    for (let i = 0; i < 3; i++) {
      t.lw.last.error(410, "Expired");
      t.scheduler.advance(60_000);
    }
    expect(t.lw.lists.map((o) => o.resourceVersion)).toEqual(["0", "20", "", "30", "", "40", ""]);
  });

  it("81: a relist at a specific RV is not paginated (served from the watch cache)", () => {
    const t = setup((_o, call) => ({ items: [], rv: call === 0 ? "10" : "11" }));
    t.run();
    t.scheduler.flush();
    t.lw.last.error(410, "Expired");
    t.scheduler.advance(2000);
    expect(t.lw.lists[1]).toEqual({ resourceVersion: "10" });
  });

  it("82: an initial list that came back paginated keeps limit 500 for later relists", () => {
    const t = setup((o, call) => {
      if (call === 0) return { items: pods(4), rv: "10", continue: "C1" };
      if (call === 1) return { items: pods(4, 4), rv: "10", continue: "C2" };
      if (call === 2) return { items: pods(2, 8), rv: "10" };
      return { items: pods(1), rv: "12" };
    });
    t.run();
    t.scheduler.flush();
    expect(t.store.items.size).toBe(10);
    expect(t.lw.lists.slice(0, 3)).toEqual([
      { resourceVersion: "0", limit: 500 },
      { resourceVersion: "", continue: "C1", limit: 500 },
      { resourceVersion: "", continue: "C2", limit: 500 },
    ]);
    t.lw.last.error(410, "Expired");
    t.scheduler.advance(2000);
    expect(t.lw.lists[3]).toEqual({ resourceVersion: "10", limit: 500 });
  });

  it("83: a fixed page size pages a relist at a specific RV", () => {
    const t = setup((o, call) => {
      if (call === 0) return { items: [], rv: "10" };
      if (o.continue === undefined) return { items: pods(4), rv: "11", continue: "C1" };
      if (o.continue === "C1") return { items: pods(4, 4), rv: "11", continue: "C2" };
      return { items: pods(2, 8), rv: "11" };
    }, { pageSize: 4 });
    t.run();
    t.scheduler.flush();
    t.lw.last.error(410, "Expired");
    t.scheduler.advance(2000);
    expect(t.lw.lists.slice(1).map((o) => [o.resourceVersion, o.limit, o.continue])).toEqual([
      ["10", 4, undefined], ["", 4, "C1"], ["", 4, "C2"],
    ]);
    expect(t.store.items.size).toBe(10);
  });

  it("84: list and watch-start errors reach the error handler; the store equals list + watched changes", () => {
    let call = 0;
    const t = setup(() => {
      call++;
      if (call === 1) return { error: newApiError(500, "InternalError", "list boom X") };
      if (call === 2) return { items: [], rv: "1" };
      return { items: [pod("foo", 2), pod("bar", 3)], rv: "3" };
    });
    t.run();
    t.scheduler.flush();
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]!.message).toContain("list boom X");
    t.lw.watchStartErrors.push(undefined);
    t.scheduler.advance(2000); // backoff, list #2, watch
    const w = t.lw.last;
    w.event("ADDED", pod("foo", 2));
    w.event("ADDED", pod("bar", 3));
    const before = t.store.snapshot();
    t.lw.watchStartErrors.push(newApiError(403, "Forbidden", "watch boom Y"));
    w.error(500, "InternalError"); // ends the ListAndWatch (no retry budget)
    t.scheduler.advance(5000); // backoff, list #3 (RV 3), watch fails Y
    expect(t.errors).toHaveLength(2);
    expect(t.errors[1]!.message).toContain("watch boom Y");
    expect(t.store.snapshot()).toEqual(before);
  });

  it("85: watch start 429 four times, then a stream that closes at once ⇒ 1 list, 5 watches, no handler call", () => {
    const t = setup(() => ({ items: [], rv: "1" }));
    t.lw.watchStartErrors.push(tooMany(), tooMany(), tooMany(), tooMany());
    t.lw.onWatch = (s) => s.close();
    t.run();
    while (t.lw.watches.length < 5) t.scheduler.step();
    t.scheduler.flush();
    expect(t.lw.lists).toHaveLength(1);
    expect(t.lw.watches).toHaveLength(5);
    expect(t.errors).toHaveLength(0);
    expect(kinds(t.recorder, "reflector.watch.end").at(-1)).toMatchObject({ reason: "tooShort" });
  });

  it("86: watch 429 at start and as an ERROR event each take one backoff step", () => {
    const t = setup(() => ({ items: [], rv: "1" }));
    t.lw.watchStartErrors.push(tooMany());
    t.lw.onWatch = (s, i) => { if (i === 1) s.error(429, "TooManyRequests"); else s.close(); };
    t.run();
    while (t.lw.watches.length < 3) t.scheduler.step();
    expect(kinds(t.recorder, "reflector.backoff")).toHaveLength(2);
    t.scheduler.flush(); // watch #3 closes at once: very short ⇒ ListAndWatch ends
    expect(kinds(t.recorder, "reflector.backoff")).toHaveLength(3);
    expect(t.lw.lists).toHaveLength(1);
  });

  for (const [maxMs, jump, expected] of [[0, false, 0], [30_000, false, 31], [30_000, true, 40]] as const) {
    it(`87: ERROR 500 re-watches — budget ${maxMs} ms${jump ? " with a 1-minute jump" : ""} ⇒ ${expected}`, () => {
      const t = setup(() => ({ items: [], rv: "1" }), { maxInternalErrorRetryDurationMs: maxMs });
      let attempts = 0;
      t.lw.onWatch = () => {
        attempts++;
      };
      t.run();
      t.scheduler.flush();
      while (kinds(t.recorder, "reflector.backoff").length === 0) {
        const w = t.lw.last;
        w.error(500, "InternalError");
        t.scheduler.flush();
        if (kinds(t.recorder, "reflector.backoff").length > 0) break;
        t.scheduler.advance(jump && t.lw.watches.length === 10 ? 60_000 : 1000);
      }
      expect(t.lw.watches.length - 1).toBe(expected);
      expect(attempts).toBe(t.lw.watches.length);
    });
  }

  it("88: a stream closed with no events within 10 ms is a 'very short watch'", () => {
    const t = setup(() => ({ items: [], rv: "1" }));
    t.run();
    t.scheduler.flush();
    const w = t.lw.last;
    t.scheduler.advance(10);
    w.close();
    const end = kinds(t.recorder, "reflector.watch.end").at(-1);
    expect(end).toMatchObject({ reason: "tooShort" });
    expect(String(end?.["message"])).toContain("very short watch");
    expect(w.stopCalls).toBeLessThanOrEqual(1);
    t.scheduler.advance(2000);
    expect(t.lw.lists).toHaveLength(2); // backoff then relist
  });

  for (const [minMs, lo, hi] of [[undefined, 300, 600], [1000, 300, 600], [1_800_000, 1800, 3600]] as const) {
    it(`89: watch timeout with minWatchTimeout ${minMs ?? "unset"} ∈ [${lo}, ${hi}]`, () => {
      const t = setup(() => ({ items: [], rv: "1" }), minMs === undefined ? {} : { minWatchTimeoutMs: minMs });
      t.run();
      t.scheduler.flush();
      for (let i = 0; i < 20; i++) {
        t.scheduler.advance(1500);
        t.lw.last.close(); // lasted ≥ 1 s ⇒ re-watch at once
      }
      expect(t.lw.watches).toHaveLength(21);
      for (const w of t.lw.watches) {
        expect(w.options.timeoutSeconds).toBeGreaterThanOrEqual(lo);
        expect(w.options.timeoutSeconds).toBeLessThanOrEqual(hi);
        expect(Number.isInteger(w.options.timeoutSeconds)).toBe(true);
      }
    });
  }

  it("90: a failing store resync ends the ListAndWatch after exactly two resyncs", () => {
    const t = setup(() => ({ items: [], rv: "1" }), { resyncPeriodMs: 1 });
    t.store.resyncError = (n) => n === 2;
    t.run();
    t.scheduler.flush();
    t.scheduler.advance(5);
    expect(t.store.resyncs).toBe(2);
    expect(t.lw.last.closed).toBe(true);
    expect(kinds(t.recorder, "reflector.backoff")).toHaveLength(1);
    expect(t.errors).toHaveLength(0);
  });

  it("91: refused watches back off 10+20+40+80+100 ms (no jitter) without a relist", () => {
    const t = setup(() => ({ items: [], rv: "1" }),
      { backoff: { initialMs: 10, factor: 2, jitter: 0, maxMs: 100 } });
    t.lw.watchStartErrors.push(refused(), refused(), refused(), refused(), refused());
    t.run();
    t.scheduler.flush();
    const first = t.lw.watches[0]!.at;
    t.scheduler.advance(1000);
    expect(t.lw.watches).toHaveLength(6);
    expect(t.lw.watches[5]!.at - first).toBe(250);
    expect(kinds(t.recorder, "reflector.backoff").map((e) => e["delayMs"])).toEqual([10, 20, 40, 80, 100]);
    expect(t.lw.lists).toHaveLength(1);
  });

  it("92: an initial-events-end bookmark annotated \"false\" does not end the initial phase", () => {
    const t = setup(() => { throw new Error("no list"); }, { watchList: true });
    t.run();
    t.scheduler.flush();
    const w = t.lw.last;
    w.event("ADDED", pod("p1", 1));
    w.event("ADDED", pod("p2", 2));
    w.event("BOOKMARK", bookmark("2", "false"));
    expect(t.store.items.size).toBe(0);
    expect(t.store.replaces).toBe(0);
    expect(t.lw.watches).toHaveLength(1);
  });

  it("93: a watch-list stream that ends before its bookmark never reaches the store", () => {
    const t = setup(() => { throw new Error("no list"); }, { watchList: true });
    t.run();
    t.scheduler.flush();
    t.lw.last.event("ADDED", pod("p1", 1));
    t.lw.last.close();
    expect(t.store.items.size).toBe(0);
    expect(t.store.replaces).toBe(0);
  });

  it("94: updates during streaming are applied to the temporary store", () => {
    const t = setup(() => { throw new Error("no list"); }, { watchList: true });
    t.run();
    t.scheduler.flush();
    const w = t.lw.last;
    w.event("ADDED", pod("p1", 1));
    w.event("ADDED", pod("p2", 2));
    w.event("MODIFIED", { ...pod("p1", 3), spec: { changed: true } });
    w.event("ADDED", pod("p3", 4));
    w.event("DELETED", pod("p3", 5));
    expect(t.store.replaces).toBe(0);
    w.event("BOOKMARK", bookmark("5", "true"));
    expect(t.store.snapshot()).toEqual({ p1: "3", p2: "2" });
    expect(t.store.items.get("ns/p1")?.spec).toEqual({ changed: true });
    expect(t.store.calls).toEqual(["replace 5"]);
  });

  it("95: a rejected watch-list falls back to list mode in the same ListAndWatch", () => {
    const t = setup(() => ({ items: [pod("p1", 1)], rv: "1" }), { watchList: true });
    t.lw.watchStartErrors.push(newApiError(422, "Invalid", "sendInitialEvents is forbidden"));
    t.run();
    t.scheduler.flush();
    t.lw.last.event("ADDED", pod("p2", 2));
    expect(t.lw.watches[0]!.options).toMatchObject({ resourceVersion: "", sendInitialEvents: true });
    expect(t.lw.lists).toEqual([{ resourceVersion: "0", limit: 500 }]);
    expect(t.lw.watches[1]!.options.resourceVersion).toBe("1");
    expect(t.lw.watches[1]!.options.sendInitialEvents).toBeUndefined();
    expect(t.store.snapshot()).toEqual({ p1: "1", p2: "2" });
    expect(kinds(t.recorder, "reflector.backoff")).toHaveLength(0);
  });

  it("96: watch-list 429 twice then success ⇒ three identical requests", () => {
    const t = setup(() => { throw new Error("no list"); }, { watchList: true });
    t.lw.watchStartErrors.push(tooMany(), tooMany());
    t.lw.onWatch = (s) => { s.event("ADDED", pod("p1", 1)); s.event("BOOKMARK", bookmark("1", "true")); };
    t.run();
    t.scheduler.advance(10_000);
    expect(t.lw.watches).toHaveLength(3);
    const strip = (o: Record<string, unknown>) => ({ ...o, timeoutSeconds: 0 });
    expect(strip({ ...t.lw.watches[1]!.options })).toEqual(strip({ ...t.lw.watches[0]!.options }));
    expect(strip({ ...t.lw.watches[2]!.options })).toEqual(strip({ ...t.lw.watches[0]!.options }));
    expect(t.store.snapshot()).toEqual({ p1: "1" });
  });

  it("97: a watch-list stream stopped before its bookmark is retried with a fresh temporary store", () => {
    const t = setup(() => { throw new Error("no list"); }, { watchList: true });
    t.run();
    t.scheduler.flush();
    t.lw.last.event("ADDED", pod("p1", 1));
    t.lw.last.event("ADDED", pod("gone", 1));
    t.lw.last.close();
    expect(t.lw.watches).toHaveLength(2);
    expect(t.lw.last.options).toMatchObject({ resourceVersion: "", sendInitialEvents: true });
    t.lw.last.event("ADDED", pod("p1", 1));
    t.lw.last.event("BOOKMARK", bookmark("1", "true"));
    expect(t.store.snapshot()).toEqual({ p1: "1" });
  });

  it("98: after the initial phase a stream interruption re-watches plainly from the last RV", () => {
    const t = setup(() => { throw new Error("no list"); }, { watchList: true });
    t.run();
    t.scheduler.flush();
    const w = t.lw.last;
    w.event("ADDED", pod("p1", 1));
    w.event("ADDED", pod("p2", 2));
    w.event("BOOKMARK", bookmark("2", "true"));
    w.event("ADDED", pod("p3", 3));
    w.close();
    const w2 = t.lw.last;
    expect(t.lw.watches).toHaveLength(2);
    expect(w2.options.resourceVersion).toBe("3");
    expect(w2.options.sendInitialEvents).toBeUndefined();
    expect(w2.options.resourceVersionMatch).toBeUndefined();
    w2.event("ADDED", pod("p4", 4));
    expect(t.store.snapshot()).toEqual({ p1: "1", p2: "2", p3: "3", p4: "4" });
  });

  it("99: an expiring plain re-watch after watch-list ends the ListAndWatch with the error", () => {
    const t = setup(() => { throw new Error("no list"); }, { watchList: true });
    t.run();
    t.scheduler.flush();
    const w = t.lw.last;
    w.event("ADDED", pod("p1", 1));
    w.event("BOOKMARK", bookmark("2", "true"));
    w.event("ADDED", pod("p3", 3));
    t.lw.watchStartErrors.push(newApiError(410, "Expired", "rv already expired"));
    w.close();
    t.scheduler.flush();
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]!.message).toContain("rv already expired");
    expect(t.store.snapshot()).toEqual({ p1: "1", p3: "3" });
  });

  it("100: watch-list RV tracking — \"\" until the annotated bookmark, then its RV", () => {
    const a = setup(() => { throw new Error("no list"); }, { watchList: true });
    a.run();
    a.scheduler.flush();
    expect(a.r.lastSyncResourceVersion()).toBe("");
    a.lw.last.event("ADDED", pod("p1", 1));
    expect(a.r.lastSyncResourceVersion()).toBe("");
    a.lw.last.event("BOOKMARK", bookmark("2", "true"));
    expect(a.r.lastSyncResourceVersion()).toBe("2");
  });
});

describe("Reflector extras", () => {
  it("synthetic ADDED events of an RV \"0\"/\"\" watch do not advance the last RV until a non-ADDED event", () => {
    let n = 0;
    const t = setup(() => ({ items: [], rv: n++ === 0 ? "" : "5" }));
    t.run();
    t.scheduler.flush();
    const w = t.lw.last;
    expect(w.options.resourceVersion).toBe("");
    w.event("ADDED", pod("a", 9));
    w.event("ADDED", pod("b", 3));
    expect(t.r.lastSyncResourceVersion()).toBe("");
    w.event("MODIFIED", pod("a", 10));
    w.event("ADDED", pod("c", 11));
    expect(t.r.lastSyncResourceVersion()).toBe("11");
  });

  it("a clean close after ≥ 1 s re-watches from the last RV without a relist or backoff", () => {
    const t = setup(() => ({ items: [], rv: "4" }));
    t.run();
    t.scheduler.flush();
    t.lw.last.event("ADDED", pod("a", 5));
    t.scheduler.advance(1000);
    t.lw.last.close();
    expect(t.lw.watches).toHaveLength(2);
    expect(t.lw.last.options.resourceVersion).toBe("5");
    expect(t.lw.lists).toHaveLength(1);
    expect(kinds(t.recorder, "reflector.backoff")).toHaveLength(0);
  });

  it("a 429 list with Retry-After is retried after it; a watch 429's Retry-After bounds the backoff", () => {
    let call = 0;
    const t = setup(() => (call++ === 0 ? { error: tooMany(5) } : { items: [], rv: "1" }));
    t.lw.watchStartErrors.push(tooMany(7));
    t.run();
    t.scheduler.flush();
    expect(t.lw.lists).toHaveLength(1);
    t.scheduler.advance(5000);
    expect(t.lw.lists).toHaveLength(2);
    expect(t.errors).toHaveLength(0);
    t.scheduler.flush();
    expect(t.lw.watches).toHaveLength(1);
    t.scheduler.advance(6999);
    expect(t.lw.watches).toHaveLength(1);
    t.scheduler.advance(1);
    expect(t.lw.watches).toHaveLength(2);
  });

  it("backoff delays grow with jitter in [d, 2d) and come from the scheduler PRNG", () => {
    const t = setup(() => ({ error: newApiError(500, "InternalError", "down") }));
    t.run();
    t.scheduler.advance(100_000);
    const delays = kinds(t.recorder, "reflector.backoff").map((e) => e["delayMs"] as number);
    [800, 1600, 3200, 6400, 12800].forEach((b, i) => {
      expect(delays[i]).toBeGreaterThanOrEqual(b);
      expect(delays[i]).toBeLessThan(2 * b);
    });
    const again = setup(() => ({ error: newApiError(500, "InternalError", "down") }));
    again.run();
    again.scheduler.advance(100_000);
    expect(kinds(again.recorder, "reflector.backoff").map((e) => e["delayMs"])).toEqual(delays);
  });

  it("backoff caps at 30 s and resets 2 min after the last reset (not the last failure)", () => {
    const t = setup(() => ({ error: newApiError(500, "InternalError", "down") }), { backoff: { jitter: 0 } });
    t.run();
    t.scheduler.advance(200_000);
    const delays = kinds(t.recorder, "reflector.backoff").map((e) => e["delayMs"]);
    expect(delays.slice(0, 11)).toEqual([800, 1600, 3200, 6400, 12800, 25600, 30000, 30000, 30000, 800, 1600]);
  });

  it("watch-list: an ERROR 410 before the end bookmark retries at once from RV \"\"; a very short close falls back to a list", () => {
    const t = setup(() => ({ items: [pod("p1", 1)], rv: "1" }), { watchList: true });
    t.run();
    t.scheduler.flush();
    t.lw.last.event("ADDED", pod("p1", 1));
    t.lw.last.error(410, "Expired");
    expect(t.lw.watches).toHaveLength(2);
    expect(t.lw.last.options).toMatchObject({ resourceVersion: "", sendInitialEvents: true });
    expect(kinds(t.recorder, "reflector.backoff")).toHaveLength(0);
    t.lw.last.close(); // < 1 s, no event: very short ⇒ fall back to a plain list in the same ListAndWatch
    expect(t.lw.lists).toEqual([{ resourceVersion: "", limit: 500 }]); // still "unavailable" after the 410
    t.scheduler.flush();
    expect(t.store.snapshot()).toEqual({ p1: "1" });
    expect(t.lw.last.options.sendInitialEvents).toBeUndefined();
  });

  it("an ERROR event whose object is not a Status is treated as an internal error (relist after backoff)", () => {
    const t = setup(() => ({ items: [], rv: "1" }));
    t.run();
    t.scheduler.flush();
    t.lw.last.event("ERROR", { nonsense: true });
    expect(kinds(t.recorder, "reflector.watch.end").at(-1)).toMatchObject({ reason: "error", code: 500 });
    t.scheduler.advance(2000);
    expect(t.lw.lists).toHaveLength(2);
  });

  it("stop() ends everything: no more requests, state stopped", () => {
    const t = setup(() => ({ items: [], rv: "1" }));
    t.run();
    t.scheduler.flush();
    const w = t.lw.last;
    t.stop.abort();
    expect(w.stopCalls).toBe(1);
    t.scheduler.advance(100_000);
    expect(t.lw.watches).toHaveLength(1);
    expect(kinds(t.recorder, "reflector.state").at(-1)).toMatchObject({ state: "stopped" });
  });
});

void (null as unknown as Obj);
