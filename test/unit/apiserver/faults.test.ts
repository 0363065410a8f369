/**
 * Faults, as a client observes them: the contract's dropWatches/compact/partition/heal and, beyond it,
 * restart, throttling (429), delivery latency and slow-consumer close. Each emits fault.injected.
 */
import { describe, expect, it } from "vitest";
import {
  asKnown, isConnectionRefused, isTooManyRequests, retryAfterSeconds,
  type ApiError, type KubeList, type KubeObject, type TraceOf,
} from "../../../src/index.js";
import { pod, setup, Sink, watch } from "./helpers.js";

function faults(events: ReturnType<typeof setup>["rec"]["events"]): string[] {
  return events.map(asKnown).filter((e): e is TraceOf<"fault.injected"> & { seq: number; time: number } => e.kind === "fault.injected")
    .map((e) => e.fault);
}

function lwList(server: ReturnType<typeof setup>["server"], client?: string) {
  const got: { error?: ApiError; list?: KubeList<KubeObject>; time?: number } = {};
  server.listerWatcher("pods", client !== undefined ? { client } : {}).list({}, (error, list) => {
    got.error = error;
    got.list = list;
    got.time = server.scheduler.now();
  });
  return got;
}

describe("contract faults", () => {
  it("dropWatches ends every open watch with a clean close (no error)", () => {
    const { s, server, rec } = setup();
    const a = watch(server, s, { resourceVersion: "0" });
    const b = new Sink(s);
    server.listerWatcher("configmaps", { client: "r" }).watch({ resourceVersion: "0" }, b);
    server.dropWatches();
    s.flush();
    expect(a.sink.closed).toEqual({ error: undefined, time: 0 });
    expect(b.closed).toEqual({ error: undefined, time: 0 });
    expect(server.openWatches()).toBe(0);
    expect(faults(rec.events)).toEqual(["dropWatches"]);
    const closed = rec.events.map(asKnown).filter((e) => e.kind === "server.watch.closed");
    expect(closed.map((e) => (e as TraceOf<"server.watch.closed">).reason)).toEqual(["dropped", "dropped"]);
  });

  it("compact: a watch from an older RV gets ERROR 410; from the current RV it works", () => {
    const { s, server, rec } = setup();
    server.create("pods", pod("a"));
    server.create("pods", pod("b"));
    server.compact();
    const old = watch(server, s, { resourceVersion: "1" });
    const cur = watch(server, s, { resourceVersion: "2" });
    server.create("pods", pod("c"));
    s.flush();
    expect(old.sink.types()).toEqual(["ERROR"]);
    expect(cur.sink.types()).toEqual(["ADDED c"]);
    expect(faults(rec.events)).toEqual(["compact"]);
    expect(rec.events.some((e) => e.kind === "server.compacted")).toBe(true);
  });

  it("partition: ListerWatcher requests fail with connection refused (asynchronously), their watches drop; direct calls still work; heal restores", () => {
    const { s, server, rec } = setup();
    const lwSink = new Sink(s);
    server.listerWatcher("pods").watch({ resourceVersion: "0" }, lwSink);
    const direct = watch(server, s, { resourceVersion: "0" });
    server.partition();
    const got = lwList(server);
    expect(got.time).toBeUndefined();                                      // never synchronous
    server.create("pods", pod("a"));                                       // the cluster keeps working
    s.flush();
    expect(isConnectionRefused(got.error)).toBe(true);
    expect(lwSink.closed).toEqual({ error: undefined, time: 0 });
    expect(direct.sink.types()).toEqual(["ADDED a"]);
    const refused = new Sink(s);
    server.listerWatcher("pods").watch({ resourceVersion: "1" }, refused);
    s.flush();
    expect(isConnectionRefused(refused.closed?.error)).toBe(true);
    server.heal();
    const after = lwList(server);
    s.flush();
    expect(after.error).toBeUndefined();
    expect(after.list!.items.map((p) => p.metadata.name)).toEqual(["a"]);
    expect(faults(rec.events)).toEqual(["partition", "heal"]);
  });
});

describe("faults beyond the contract", () => {
  it("restart: every watch ends, a watch from an old RV gets 410, and the store keeps its data", () => {
    const { s, server, rec } = setup();
    server.create("pods", pod("a"));                                       // rv 1
    const w1 = watch(server, s, { resourceVersion: "1" });
    const w2 = watch(server, s, { resourceVersion: "0" }, "configmaps");
    server.create("pods", pod("b"));                                       // rv 2
    server.restart();
    s.flush();
    expect(w1.sink.closed).toBeDefined();
    expect(w2.sink.closed).toBeDefined();
    expect(w1.sink.events).toHaveLength(0);                                // in-flight events lost with the connection
    const old = watch(server, s, { resourceVersion: "1" });
    s.flush();
    expect(old.sink.types()).toEqual(["ERROR"]);
    expect((old.sink.events[0]!.object as { code: number }).code).toBe(410);
    expect(server.list("pods").items.map((p) => p.metadata.name)).toEqual(["a", "b"]);
    expect(server.list("pods", { resourceVersion: "1", resourceVersionMatch: "Exact" }).items).toHaveLength(1);   // etcd history kept
    expect(faults(rec.events)).toEqual(["restart"]);
    expect(rec.events.some((e) => e.kind === "server.restarted")).toBe(true);
  });

  it("restart with downtime: ListerWatcher requests are refused until the server is back", () => {
    const { s, server } = setup();
    server.restart({ downtimeMs: 5_000 });
    const during = lwList(server);
    s.advance(5_000);
    const after = lwList(server);
    s.flush();
    expect(isConnectionRefused(during.error)).toBe(true);
    expect(after.error).toBeUndefined();
  });

  it("throttle: a 429 TooManyRequests with Retry-After on the chosen fraction of list/watch requests (seeded)", () => {
    // The reflector honouring Retry-After is the informer's job (tested there); here: what the client receives.
    const { s, server, rec } = setup();
    server.throttle(1, 3);
    const got = lwList(server);
    const sink = new Sink(s);
    server.listerWatcher("pods").watch({ resourceVersion: "0" }, sink);
    s.flush();
    expect(isTooManyRequests(got.error)).toBe(true);
    expect(retryAfterSeconds(got.error)).toBe(3);
    expect(isTooManyRequests(sink.closed?.error)).toBe(true);
    expect(server.list("pods").items).toEqual([]);                          // direct calls are not throttled
    const responses = rec.events.map(asKnown).filter((e) => e.kind === "server.response") as Array<TraceOf<"server.response">>;
    expect(responses.filter((r) => r.code === 429).every((r) => r.retryAfterSeconds === 3)).toBe(true);

    const outcomes = (seed: number): string => {
      const ctx = setup({}, seed);
      ctx.server.throttle(0.5);
      const results: string[] = [];
      for (let i = 0; i < 40; i++) {
        ctx.server.listerWatcher("pods").list({}, (e) => results.push(e === undefined ? "." : String(e.code)));
      }
      ctx.s.flush();
      return results.join("");
    };
    const a = outcomes(3);
    expect(a).toBe(outcomes(3));                                           // decided by the seeded PRNG
    const throttled = a.split("").filter((c) => c !== ".").length / 4;
    expect(throttled).toBeGreaterThan(5);
    expect(throttled).toBeLessThan(35);
    server.throttle(0);
    const free = lwList(server);
    s.flush();
    expect(free.error).toBeUndefined();
    expect(faults(rec.events)).toEqual(["throttle", "throttle"]);
  });

  it("latency: list replies and watch events arrive that much later in virtual time, per client", () => {
    const { s, server, rec } = setup({ latencyMs: 10 });
    server.setLatency(250, { client: "slow" });
    const fast = new Sink(s);
    const slow = new Sink(s);
    server.listerWatcher("pods", { client: "fast" }).watch({ resourceVersion: "0" }, fast);
    server.listerWatcher("pods", { client: "slow" }).watch({ resourceVersion: "0" }, slow);
    s.advance(100);
    server.create("pods", pod("a"));
    const reply = lwList(server, "slow");
    s.advance(1_000);
    expect(fast.events.map((e) => e.time)).toEqual([110]);
    expect(slow.events.map((e) => e.time)).toEqual([350]);
    expect(reply.time).toBe(350);
    expect(faults(rec.events)).toEqual(["latency"]);
  });

  it("latency with jitter never reorders a watch's events", () => {
    const { s, server } = setup();
    server.setLatency(50, { jitterMs: 200 });
    const { sink } = watch(server, s, { resourceVersion: "0" });
    for (let i = 0; i < 30; i++) {
      server.create("pods", pod(`p${i}`));
      s.advance(7);
    }
    s.advance(1_000);
    expect(sink.events.map((e) => Number(e.rv))).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const times = sink.events.map((e) => e.time);
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    expect(new Set(times.map((t, i) => t - 7 * i)).size).toBeGreaterThan(1);   // the jitter is real
  });

  it("slow consumer: a watch that falls more than the limit behind is closed", () => {
    const { s, server, rec } = setup();
    server.setLatency(1_000, { client: "laggard" });
    server.setSlowConsumerLimit(5);
    const laggard = new Sink(s);
    const healthy = new Sink(s);
    server.listerWatcher("pods", { client: "laggard" }).watch({ resourceVersion: "0" }, laggard);
    server.listerWatcher("pods", { client: "ok" }).watch({ resourceVersion: "0" }, healthy);
    for (let i = 0; i < 8; i++) {
      server.create("pods", pod(`p${i}`));
      s.advance(10);
    }
    s.advance(2_000);
    expect(laggard.closed).toBeDefined();
    expect(laggard.closed!.error).toBeUndefined();
    expect(laggard.events).toHaveLength(0);
    expect(healthy.closed).toBeUndefined();
    expect(healthy.events).toHaveLength(8);
    const reasons = rec.events.map(asKnown).filter((e) => e.kind === "server.watch.closed") as Array<TraceOf<"server.watch.closed">>;
    expect(reasons.map((r) => r.reason)).toEqual(["slowConsumer"]);
    expect(faults(rec.events)).toEqual(["latency", "slowConsumer"]);
  });

  it("watchError (F14): every open watch gets one ERROR 500 then closes; a re-watch from the last RV resumes", () => {
    const { s, server, rec } = setup();
    server.create("pods", pod("a"));
    const w = watch(server, s, { resourceVersion: "1" });
    server.watchError();
    server.create("pods", pod("b"));
    s.flush();
    expect(w.sink.types()).toEqual(["ERROR"]);
    expect(w.sink.events[0]!.object).toMatchObject({ kind: "Status", code: 500, reason: "InternalError" });
    expect(w.sink.closed?.error).toBeUndefined();
    const again = watch(server, s, { resourceVersion: "1" });
    s.flush();
    expect(again.sink.types()).toEqual(["ADDED b"]);
    expect(faults(rec.events)).toEqual(["watchError"]);
  });

  it("stallWatches (F2): a half-open watch hears nothing more — no events, bookmarks or timeout close", () => {
    const { s, server, rec } = setup({ bookmarkIntervalMs: 1_000 });
    const w = watch(server, s, { resourceVersion: "0", allowWatchBookmarks: true, timeoutSeconds: 10 });
    server.stallWatches();
    server.create("pods", pod("a"));
    s.advance(60_000);
    expect(w.sink.events).toHaveLength(0);
    expect(w.sink.closed).toBeUndefined();
    expect(server.openWatches()).toBe(0);
    const fresh = watch(server, s, { resourceVersion: "0" });
    s.flush();
    expect(fresh.sink.types()).toEqual(["ADDED a"]);                         // new connections work
    w.stop();
    expect(faults(rec.events)).toEqual(["stall"]);
  });
});
