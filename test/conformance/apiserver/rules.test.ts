/**
 * spec/apiserver.md §3.4, one case per rule (R1–R4, LIST validation and table, paging, W1–W7, C1–C5),
 * plus client-go.md §11 where it adds detail. Everything is driven on virtual time.
 */
import { describe, expect, it } from "vitest";
import {
  isResourceExpired, isTooLargeResourceVersion, type ConfigMap, type Deployment, type KubeObject, type Pod, type Status,
} from "../../../src/index.js";
import { errorOf, pod, setup, watch, withLabels } from "../../unit/apiserver/helpers.js";

describe("resource versions", () => {
  it("R1: opaque mode prints non-numeric RVs that still work for list→watch", () => {
    const { s, server } = setup({ resourceVersionFormat: "opaque" });
    const a = server.create("pods", pod("a"));
    expect(a.metadata.resourceVersion).toMatch(/^rv\.[0-9a-z]+$/);
    expect(Number.isNaN(Number(a.metadata.resourceVersion))).toBe(true);
    const list = server.list("pods");
    const { sink } = watch(server, s, { resourceVersion: list.metadata.resourceVersion });
    const b = server.create("pods", pod("b"));
    s.flush();
    expect(sink.events.map((e) => e.rv)).toEqual([b.metadata.resourceVersion]);
    // A client that invents a decimal RV gets a 400: RVs are opaque.
    expect(errorOf(() => server.list("pods", { resourceVersion: "1", resourceVersionMatch: "NotOlderThan" })).code).toBe(400);
  });

  it("R1/F11: RVs above 2^53 are exact strings (parseInt would lose them)", () => {
    const { s, server } = setup({ initialResourceVersion: "9007199254740993" });
    const a = server.create("pods", pod("a"));
    const b = server.create("pods", pod("b"));
    expect(a.metadata.resourceVersion).toBe("9007199254740994");
    expect(b.metadata.resourceVersion).toBe("9007199254740995");
    expect(String(Number(b.metadata.resourceVersion))).not.toBe(b.metadata.resourceVersion);   // 2^53 + 3 is not a double
    const { sink } = watch(server, s, { resourceVersion: a.metadata.resourceVersion });
    s.flush();
    expect(sink.types()).toEqual(["ADDED b"]);
  });

  it("R2: a list's RV is the store revision when served, above every item's RV", () => {
    const { server } = setup();
    server.create("pods", pod("a"));
    server.create<ConfigMap>("configmaps", { metadata: { name: "c" } });
    const list = server.list<Pod>("pods");
    expect(list.items.map((p) => p.metadata.resourceVersion)).toEqual(["1"]);
    expect(list.metadata.resourceVersion).toBe("2");
  });

  it("R3: a DELETED event carries the last stored state, re-stamped with the deletion RV", () => {
    const { s, server } = setup();
    const a = server.create<ConfigMap>("configmaps", { metadata: { name: "a", labels: { v: "1" } }, data: { k: "v" } });
    const { sink } = watch(server, s, { resourceVersion: a.metadata.resourceVersion }, "configmaps");
    server.delete("configmaps", "default", "a");
    s.flush();
    expect(sink.types()).toEqual(["DELETED a"]);
    const deleted = sink.events[0]!.object as ConfigMap;
    expect(deleted.metadata.resourceVersion).toBe("2");
    expect(deleted.data).toEqual({ k: "v" });
    expect(deleted.metadata.labels).toEqual({ v: "1" });
    expect(deleted.metadata.uid).toBe(a.metadata.uid);
  });

  it("R4: a no-op update returns the stored object: same RV, no event", () => {
    const { s, server } = setup();
    const a = server.create("pods", pod("a", { app: "web" }));
    const { sink } = watch(server, s, { resourceVersion: "1" });
    const same = server.update("pods", { ...a, metadata: { ...a.metadata, labels: { app: "web" } } });
    s.flush();
    expect(same).toBe(a);
    expect(same.metadata.resourceVersion).toBe("1");
    expect(server.currentResourceVersion()).toBe("1");
    expect(sink.events).toHaveLength(0);
  });
});

describe("LIST validation (422 Invalid)", () => {
  it("resourceVersionMatch requires resourceVersion", () => {
    const { server } = setup();
    expect(errorOf(() => server.list("pods", { resourceVersionMatch: "NotOlderThan" })).code).toBe(422);
  });
  it("resourceVersionMatch is forbidden with continue", () => {
    const { server } = setup();
    for (const n of ["a", "b"]) server.create("pods", pod(n));
    const first = server.list("pods", { limit: 1 });
    const e = errorOf(() => server.list("pods", { continue: first.metadata.continue!, resourceVersion: "0", resourceVersionMatch: "NotOlderThan" }));
    expect(e.code).toBe(422);
  });
  it("Exact is forbidden with RV \"0\"", () => {
    const { server } = setup();
    expect(errorOf(() => server.list("pods", { resourceVersion: "0", resourceVersionMatch: "Exact" })).code).toBe(422);
  });
  it("sendInitialEvents is forbidden on list", () => {
    const { server } = setup();
    const options = { sendInitialEvents: true } as unknown as Parameters<typeof server.list>[1];
    expect(errorOf(() => server.list("pods", options)).code).toBe(422);
  });
});

describe("LIST resourceVersion table", () => {
  function history() {
    const ctx = setup();
    const a = ctx.server.create("pods", pod("a", { v: "1" }));                  // rv 1
    ctx.server.update("pods", withLabels(a, { v: "2" }));                      // rv 2
    ctx.server.create("pods", pod("b"));                                        // rv 3
    return ctx;
  }
  const names = (l: { items: KubeObject[] }): string[] => l.items.map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`);

  it("unset: the most recent state (consistent read)", () => {
    const { server } = history();
    const l = server.list("pods");
    expect(names(l)).toEqual(["a@2", "b@3"]);
    expect(l.metadata.resourceVersion).toBe("3");
  });
  it("\"0\": any state, and limit is ignored", () => {
    const { server } = history();
    const l = server.list("pods", { resourceVersion: "0", limit: 1 });
    expect(names(l)).toEqual(["a@2", "b@3"]);
    expect(l.metadata.continue).toBeUndefined();
  });
  it("N + NotOlderThan: a state at a revision >= N", () => {
    const { server } = history();
    const l = server.list("pods", { resourceVersion: "1", resourceVersionMatch: "NotOlderThan" });
    expect(names(l)).toEqual(["a@2", "b@3"]);
    expect(Number(l.metadata.resourceVersion)).toBeGreaterThanOrEqual(1);
  });
  it("N ahead of the server: 504 \"too large resource version\" with ResourceVersionTooLarge and retry-after 1", () => {
    const { server } = history();
    for (const options of [{ resourceVersion: "9", resourceVersionMatch: "NotOlderThan" as const },
      { resourceVersion: "9", resourceVersionMatch: "Exact" as const }]) {
      const e = errorOf(() => server.list("pods", options));
      expect(e.code).toBe(504);
      expect(isTooLargeResourceVersion(e)).toBe(true);
      expect(e.message).toMatch(/Too large resource version/);
      expect(e.status.details?.retryAfterSeconds).toBe(1);
    }
  });
  it("N + Exact: the MVCC snapshot at exactly N", () => {
    const { server } = history();
    const l = server.list("pods", { resourceVersion: "1", resourceVersionMatch: "Exact" });
    expect(names(l)).toEqual(["a@1"]);
    expect(l.metadata.resourceVersion).toBe("1");
  });
  it("N + Exact below the compaction revision: 410 Expired", () => {
    const { server } = history();
    server.compact();
    const e = errorOf(() => server.list("pods", { resourceVersion: "1", resourceVersionMatch: "Exact" }));
    expect(e.code).toBe(410);
    expect(isResourceExpired(e)).toBe(true);
    expect(e.message).toBe("The resourceVersion for the provided list is too old.");
    expect(names(server.list("pods", { resourceVersion: "3", resourceVersionMatch: "Exact" }))).toEqual(["a@2", "b@3"]);
  });
  it("N with limit and no match: legacy Exact", () => {
    const { server } = history();
    const l = server.list("pods", { resourceVersion: "1", limit: 10 });
    expect(names(l)).toEqual(["a@1"]);
  });
  it("N without limit and no match: legacy NotOlderThan", () => {
    const { server } = history();
    expect(names(server.list("pods", { resourceVersion: "1" }))).toEqual(["a@2", "b@3"]);
  });
  it("a resourceVersion the server never issued is 400", () => {
    const { server } = history();
    expect(errorOf(() => server.list("pods", { resourceVersion: "abc" })).code).toBe(400);
  });
});

describe("paging", () => {
  function five() {
    const ctx = setup();
    for (const n of ["e", "a", "d", "b", "c"]) ctx.server.create("pods", pod(n));
    return ctx;
  }
  it("limit returns at most limit items plus a continue token; pages come from the first page's snapshot", () => {
    const { server } = five();
    const p1 = server.list("pods", { limit: 2 });
    expect(p1.items.map((p) => p.metadata.name)).toEqual(["a", "b"]);
    expect(p1.metadata.continue).toBeTypeOf("string");
    // Writes between pages are not visible: same snapshot.
    server.delete("pods", "default", "c");
    server.create("pods", pod("bb"));
    const p2 = server.list("pods", { limit: 2, continue: p1.metadata.continue! });
    expect(p2.items.map((p) => p.metadata.name)).toEqual(["c", "d"]);
    expect(p2.metadata.resourceVersion).toBe(p1.metadata.resourceVersion);
    const p3 = server.list("pods", { limit: 2, continue: p2.metadata.continue! });
    expect(p3.items.map((p) => p.metadata.name)).toEqual(["e"]);
    expect(p3.metadata.continue).toBeUndefined();
  });
  it("the token is base64 JSON {rv, start} as in the real server", () => {
    const { server } = five();
    const token = server.list("pods", { limit: 2 }).metadata.continue!;
    const json = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as { rv: number; start: string };
    expect(json).toMatchObject({ rv: 5, start: "default/c" });
  });
  it("a continue token older than the compaction: 410 with a fresh token (rv -1) that continues from the latest state", () => {
    const { server } = five();
    const p1 = server.list("pods", { limit: 2 });
    server.delete("pods", "default", "d");
    server.compact();
    const e = errorOf(() => server.list("pods", { limit: 2, continue: p1.metadata.continue! }));
    expect(e.code).toBe(410);
    expect(e.message).toMatch(/continue parameter is too old/);
    const fresh = e.status.metadata?.continue;
    expect(fresh).toBeTypeOf("string");
    expect(JSON.parse(Buffer.from(fresh!, "base64").toString("utf8")).rv).toBe(-1);
    const rest = server.list("pods", { limit: 10, continue: fresh! });
    expect(rest.items.map((p) => p.metadata.name)).toEqual(["c", "e"]);        // inconsistent: d is gone
  });
  it("continue with a resourceVersion is 400; an undecodable token is 400", () => {
    const { server } = five();
    const p1 = server.list("pods", { limit: 2 });
    expect(errorOf(() => server.list("pods", { continue: p1.metadata.continue!, resourceVersion: "3" })).code).toBe(400);
    expect(errorOf(() => server.list("pods", { continue: "not-a-token" })).code).toBe(400);
  });
  it("limit counts matching items only (selectors filter before paging)", () => {
    const ctx = setup();
    for (const [n, app] of [["a", "x"], ["b", "y"], ["c", "x"], ["d", "y"], ["e", "x"]] as const) ctx.server.create("pods", pod(n, { app }));
    const p1 = ctx.server.list("pods", { limit: 2, labelSelector: "app=x" });
    expect(p1.items.map((p) => p.metadata.name)).toEqual(["a", "c"]);
    const p2 = ctx.server.list("pods", { limit: 2, labelSelector: "app=x", continue: p1.metadata.continue! });
    expect(p2.items.map((p) => p.metadata.name)).toEqual(["e"]);
    expect(p2.metadata.continue).toBeUndefined();
  });
});

describe("WATCH", () => {
  it("W1: RV unset ⇒ synthetic ADDED for the current state, then every later change", () => {
    const { s, server } = setup();
    const a = server.create("pods", pod("a"));
    server.update("pods", withLabels(a, { x: "1" }));
    const { sink } = watch(server, s, {});
    server.create("pods", pod("b"));
    s.flush();
    expect(sink.types()).toEqual(["ADDED a", "ADDED b"]);
    expect(sink.events[0]!.rv).toBe("2");                    // the current state, not a's history
  });
  it("W1: RV \"0\" ⇒ the same synthetic ADDEDs from the cache", () => {
    const { s, server } = setup();
    server.create("pods", pod("a"));
    const { sink } = watch(server, s, { resourceVersion: "0" });
    s.flush();
    expect(sink.types()).toEqual(["ADDED a"]);
  });
  it("W1: RV N ⇒ exactly the events after N, replayed then live", () => {
    const { s, server } = setup();
    const a = server.create("pods", pod("a"));               // 1
    server.update("pods", withLabels(a, { x: "1" }));        // 2
    server.create("pods", pod("b"));                         // 3
    const { sink } = watch(server, s, { resourceVersion: "1" });
    server.delete("pods", "default", "b");                   // 4 MODIFIED (grace 0), 5 DELETED
    s.flush();
    expect(sink.events.map((e) => `${e.type} ${e.name}@${e.rv}`)).toEqual(["MODIFIED a@2", "ADDED b@3", "MODIFIED b@4", "DELETED b@5"]);
  });
  it("W1: RV N below the window ⇒ the watch opens, then one ERROR 410 Expired event and a clean close", () => {
    const { s, server } = setup({ watchCacheCapacity: 3 });
    for (const n of ["a", "b", "c", "d", "e"]) server.create("pods", pod(n));   // rv 1..5, window holds 3..5
    const { sink } = watch(server, s, { resourceVersion: "1" });                 // does not throw
    s.flush();
    expect(sink.types()).toEqual(["ERROR"]);
    const status = sink.events[0]!.object as Status;
    expect(status).toMatchObject({ kind: "Status", code: 410, reason: "Expired" });
    expect(status.message).toBe("too old resource version: 1 (2)");
    expect(sink.closed).toBeDefined();
    expect(sink.closed!.error).toBeUndefined();
    // The oldest RV still served is (oldest buffered − 1).
    const ok = watch(server, s, { resourceVersion: "2" });
    s.flush();
    expect(ok.sink.types()).toEqual(["ADDED c", "ADDED d", "ADDED e"]);
  });
  it("W1: the window is per resource: ConfigMap writes never push Pod events out of it", () => {
    const { s, server } = setup({ watchCacheCapacity: 2 });
    server.create("pods", pod("a"));                                            // rv 1
    for (let i = 0; i < 10; i++) server.create<ConfigMap>("configmaps", { metadata: { name: `c${i}` } });
    server.create("pods", pod("b"));                                            // rv 12
    const { sink } = watch(server, s, { resourceVersion: "1" });
    s.flush();
    expect(sink.types()).toEqual(["ADDED b"]);
  });
  it("W1: a plain watch from an RV ahead of the server is accepted (events after it only); a streaming list from there is 504", () => {
    const { s, server } = setup();
    const { sink } = watch(server, s, { resourceVersion: "7" });
    s.flush();
    expect(sink.events).toEqual([]);
    expect(sink.closed).toBeUndefined();
    const e = errorOf(() => watch(server, s, { resourceVersion: "7", sendInitialEvents: true, resourceVersionMatch: "NotOlderThan" }));
    expect(e.code).toBe(504);
    expect(isTooLargeResourceVersion(e)).toBe(true);
  });

  it("W2: sendInitialEvents requires resourceVersionMatch=NotOlderThan (422), not allowWatchBookmarks", () => {
    const { s, server } = setup();
    expect(errorOf(() => watch(server, s, { sendInitialEvents: true, allowWatchBookmarks: true })).code).toBe(422);
    expect(() => watch(server, s, { sendInitialEvents: true, resourceVersionMatch: "NotOlderThan" })).not.toThrow();
    expect(errorOf(() => watch(server, s, { resourceVersionMatch: "NotOlderThan", resourceVersion: "0" })).code).toBe(422);
  });
  it("W2: sendInitialEvents ⇒ ADDED for the state, a BOOKMARK annotated k8s.io/initial-events-end, then changes", () => {
    const { s, server } = setup();
    server.create("pods", pod("a"));
    server.create<ConfigMap>("configmaps", { metadata: { name: "c" } });
    const { sink } = watch(server, s, { sendInitialEvents: true, resourceVersionMatch: "NotOlderThan", allowWatchBookmarks: true });
    server.create("pods", pod("b"));
    s.flush();
    expect(sink.types()).toEqual(["ADDED a", "BOOKMARK", "ADDED b"]);
    const bm = sink.events[1]!.object as KubeObject;
    expect(bm.metadata.annotations).toEqual({ "k8s.io/initial-events-end": "true" });
    expect(bm.metadata.resourceVersion).toBe("2");
    expect(bm.kind).toBe("Pod");
    expect(Object.keys(bm).sort()).toEqual(["apiVersion", "kind", "metadata"]);
  });

  it("W3: within one watch, events arrive in RV order with no duplicates or gaps", () => {
    const { s, server } = setup();
    const { sink } = watch(server, s, { resourceVersion: "0" });
    const a = server.create("pods", pod("a"));
    let cur = a;
    for (let i = 0; i < 20; i++) cur = server.update("pods", withLabels(cur, { i: String(i) }));
    s.flush();
    expect(sink.events.map((e) => Number(e.rv))).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
  });

  it("W4: entering a label selector is ADDED, leaving it is DELETED with the old body and the new RV, else nothing", () => {
    const { s, server } = setup();
    const a = server.create("pods", pod("a", { app: "db" }));                  // 1
    const { sink } = watch(server, s, { resourceVersion: "1", labelSelector: "app=web" });
    const a2 = server.update("pods", withLabels(a, { app: "web" }));            // 2 enters
    const a3 = server.update("pods", withLabels(a2, { app: "web", v: "2" }));   // 3 stays
    server.update("pods", withLabels(a3, { app: "db" }));                      // 4 leaves
    server.create("pods", pod("x", { app: "db" }));                            // 5 never matches
    s.flush();
    expect(sink.events.map((e) => `${e.type}@${e.rv}`)).toEqual(["ADDED@2", "MODIFIED@3", "DELETED@4"]);
    const gone = sink.events[2]!.object as Pod;
    expect(gone.metadata.labels).toEqual({ app: "web", v: "2" });               // previous body …
    expect(gone.metadata.resourceVersion).toBe("4");                            // … stamped with the event's RV
  });
  it("W4: field selectors on metadata and the pod whitelist, with the same transitions", () => {
    const { s, server } = setup();
    const p = server.create("pods", pod("a"));
    const { sink } = watch(server, s, { resourceVersion: "1", fieldSelector: "spec.nodeName=n1,metadata.namespace=default" });
    server.bind({ metadata: { name: "a", namespace: "default" }, target: { kind: "Node", name: "n1" } });
    const bound = server.get<Pod>("pods", "default", "a");
    expect(p.metadata.name).toBe("a");
    server.updateStatus("pods", { ...bound, status: { phase: "Running" } });
    s.flush();
    expect(sink.types()).toEqual(["ADDED a", "MODIFIED a"]);
    const byName = watch(server, s, { fieldSelector: "metadata.name=a" });
    const byPhase = watch(server, s, { fieldSelector: "status.phase!=Running" });
    s.flush();
    expect(byName.sink.types()).toEqual(["ADDED a"]);
    expect(byPhase.sink.types()).toEqual([]);
  });
  it("W4: an unsupported field is 400 \"field label not supported\"; a malformed label selector is 400", () => {
    const { s, server } = setup();
    const e = errorOf(() => watch(server, s, { fieldSelector: "spec.containers=x" }));
    expect(e.code).toBe(400);
    expect(e.message).toBe("field label not supported: spec.containers");
    expect(errorOf(() => server.list("configmaps", { fieldSelector: "spec.nodeName=n1" })).code).toBe(400);
    expect(errorOf(() => server.list("pods", { labelSelector: "app in web" })).code).toBe(400);
    expect(server.openWatches()).toBe(0);
  });
  it("W4: a namespaced list sees only its namespace (no prefix confusion between \"a\" and \"a-b\")", () => {
    const { server } = setup();
    for (const ns of ["a", "a-b", "ab", "b"]) server.create("pods", pod(`p-${ns}`, undefined, undefined, ns));
    expect(server.list("pods", { namespace: "a" }).items.map((p) => p.metadata.name)).toEqual(["p-a"]);
    expect(server.list("pods", { namespace: "" }).items).toHaveLength(4);
    const p1 = server.list("pods", { namespace: "a-b", limit: 1 });
    expect(p1.items.map((p) => p.metadata.name)).toEqual(["p-a-b"]);
    expect(p1.metadata.continue).toBeUndefined();
  });
  it("W4: a namespaced watch sees only its namespace", () => {
    const { s, server } = setup();
    const { sink } = watch(server, s, { namespace: "team-a" });
    server.create("pods", pod("a", undefined, undefined, "team-a"));
    server.create("pods", pod("b", undefined, undefined, "team-b"));
    s.flush();
    expect(sink.types()).toEqual(["ADDED a"]);
  });

  it("W5: bookmarks only if allowed, every bookmarkIntervalMs, carrying the server's current RV", () => {
    const { s, server } = setup({ bookmarkIntervalMs: 10_000 });
    server.create("pods", pod("a"));
    const on = watch(server, s, { resourceVersion: "1", allowWatchBookmarks: true, timeoutSeconds: 600 });
    const off = watch(server, s, { resourceVersion: "1", timeoutSeconds: 600 });
    s.advance(5_000);
    server.create<ConfigMap>("configmaps", { metadata: { name: "c" } });                  // rv 2: past anything pods saw
    s.advance(5_000);
    expect(on.sink.events.map((e) => [e.type, e.rv, e.time])).toEqual([["BOOKMARK", "2", 10_000]]);
    s.advance(10_000);
    expect(on.sink.events.map((e) => e.time)).toEqual([10_000, 20_000]);
    expect(off.sink.events).toHaveLength(0);
  });

  it("W5/F13: with bookmarks off the server never sends one (except a streaming list's end marker)", () => {
    const { s, server } = setup({ bookmarkIntervalMs: 1_000, bookmarks: false });
    const plain = watch(server, s, { resourceVersion: "0", allowWatchBookmarks: true, timeoutSeconds: 30 });
    const streaming = watch(server, s, { sendInitialEvents: true, resourceVersionMatch: "NotOlderThan", allowWatchBookmarks: true, timeoutSeconds: 30 });
    s.advance(40_000);
    expect(plain.sink.types()).toEqual([]);
    expect(streaming.sink.types()).toEqual(["BOOKMARK"]);
    expect(plain.sink.closed).toBeDefined();
  });
  it("W6: timeoutSeconds closes the stream cleanly at that time, with a bookmark 2 s before", () => {
    const { s, server } = setup();
    const { sink } = watch(server, s, { resourceVersion: "0", allowWatchBookmarks: true, timeoutSeconds: 30 });
    s.advance(29_999);
    expect(sink.events.map((e) => [e.type, e.time])).toEqual([["BOOKMARK", 28_000]]);
    expect(sink.closed).toBeUndefined();
    s.advance(1);
    expect(sink.closed).toEqual({ error: undefined, time: 30_000 });
    expect(server.openWatches()).toBe(0);
  });
  it("W6: without timeoutSeconds the server closes at a random time in [T, 2T)", () => {
    const { s, server } = setup({ minRequestTimeoutSeconds: 100 });
    const { sink } = watch(server, s, { resourceVersion: "0" });
    s.advance(100_000 - 1);
    expect(sink.closed).toBeUndefined();
    s.advance(100_000);
    expect(sink.closed).toBeDefined();
    expect(sink.closed!.time).toBeGreaterThanOrEqual(100_000);
    expect(sink.closed!.time).toBeLessThan(200_000);
  });

  it("W7: a watcher whose undelivered backlog exceeds the limit is closed", () => {
    const { s, server } = setup({ slowConsumerLimit: 3, latencyMs: 100 });
    const { sink } = watch(server, s, { resourceVersion: "0" });
    for (const n of ["a", "b", "c"]) server.create("pods", pod(n));
    expect(server.openWatches()).toBe(1);
    server.create("pods", pod("d"));                                            // backlog 4 > 3
    expect(server.openWatches()).toBe(0);
    s.advance(1_000);
    expect(sink.events).toHaveLength(0);                                        // the backlog is dropped
    expect(sink.closed).toEqual({ error: undefined, time: 100 });
  });
});

describe("W7 detail", () => {
  it("a new watch's initial or replayed events never count as slowness; only live writes do", () => {
    const { s, server } = setup({ slowConsumerLimit: 2, latencyMs: 100 });
    for (const n of ["a", "b", "c", "d"]) server.create("pods", pod(n));
    const initial = watch(server, s, {});
    const replay = watch(server, s, { resourceVersion: "1" });
    expect(server.openWatches()).toBe(2);
    s.advance(100);
    expect(initial.sink.events).toHaveLength(4);
    expect(replay.sink.events).toHaveLength(3);
    expect(server.openWatches()).toBe(2);
  });
});

describe("writes", () => {
  it("C1: generateName collisions are 409 AlreadyExists", () => {
    const { s, server } = setup();
    s.random = () => 0.5;                                    // a PRNG that always draws the same suffix
    const first = server.create<ConfigMap>("configmaps", { metadata: { name: "", generateName: "x-" } });
    expect(first.metadata.name).toMatch(/^x-[a-z0-9]{5}$/);
    const e = errorOf(() => server.create<ConfigMap>("configmaps", { metadata: { name: "", generateName: "x-" } }));
    expect(e.code).toBe(409);
    expect(e.reason).toBe("AlreadyExists");
    expect(e.message).toBe(`configmaps "${first.metadata.name}" already exists`);
  });

  it("C2: an update without RV is unconditional by default, 422 when the kind requires it", () => {
    const { server } = setup();
    const a = server.create<ConfigMap>("configmaps", { metadata: { name: "a" }, data: { k: "1" } });
    const { resourceVersion: _rv, ...meta } = a.metadata;
    const b = server.update<ConfigMap>("configmaps", { ...a, metadata: meta, data: { k: "2" } });
    expect(b.metadata.resourceVersion).toBe("2");
    const strict = setup({ allowUnconditionalUpdate: false }).server;
    const c = strict.create<ConfigMap>("configmaps", { metadata: { name: "a" }, data: { k: "1" } });
    const { resourceVersion: _rv2, ...meta2 } = c.metadata;
    const e = errorOf(() => strict.update("configmaps", { ...c, metadata: meta2, data: { k: "2" } }));
    expect(e.code).toBe(422);
    expect(e.message).toMatch(/must be specified for an update/);
  });
  it("C2: the main endpoint ignores .status for kinds with a status subresource; /status ignores the rest", () => {
    const { server } = setup();
    const a = server.create("pods", pod("a"));
    const b = server.update("pods", { ...a, metadata: { ...a.metadata, labels: { x: "1" } }, status: { phase: "Running" } });
    expect(b.status).toEqual({ phase: "Pending", qosClass: "BestEffort" });   // the status create set, unchanged
    expect(b.metadata.labels).toEqual({ x: "1" });
    const c = server.updateStatus("pods", { ...b, metadata: { ...b.metadata, labels: { x: "2" } }, status: { phase: "Running" } });
    expect(c.status).toEqual({ phase: "Running" });
    expect(c.metadata.labels).toEqual({ x: "1" });
    expect(c.metadata.generation).toBe(1);
  });
  it("C2: /status exists only for kinds with a status subresource (404 otherwise)", () => {
    const { server } = setup();
    const c = server.create<ConfigMap>("configmaps", { metadata: { name: "c" } });
    expect(errorOf(() => server.updateStatus("configmaps", c)).code).toBe(404);
  });
  it("C2: generation bumps iff .spec changed (Deployments: or annotations)", () => {
    const { server } = setup();
    const a = server.create("pods", pod("a"));
    const b = server.update("pods", withLabels(a, { x: "1" }));
    expect(b.metadata.generation).toBe(1);
    const c = server.update("pods", { ...b, spec: { ...b.spec!, containers: [{ ...b.spec!.containers[0]!, image: "nginx:2" }] } });
    expect(c.metadata.generation).toBe(2);
    const d = server.create<Deployment>("deployments", { metadata: { name: "d" }, spec: { selector: {}, template: {} } });
    const d2 = server.update("deployments", { ...d, metadata: { ...d.metadata, annotations: { a: "1" } } });
    expect(d2.metadata.generation).toBe(2);
  });
  it("C2: uid and creationTimestamp are immutable (a different uid is a 409 precondition failure)", () => {
    const { s, server } = setup();
    const a = server.create<ConfigMap>("configmaps", { metadata: { name: "a" } });
    s.advance(60_000);
    const b = server.update("configmaps", { ...a, metadata: { ...a.metadata, creationTimestamp: "2030-01-01T00:00:00Z", labels: { x: "1" } } });
    expect(b.metadata.creationTimestamp).toBe(a.metadata.creationTimestamp);
    expect(b.metadata.uid).toBe(a.metadata.uid);
    const e = errorOf(() => server.update("configmaps", { ...b, metadata: { ...b.metadata, uid: "other" } }));
    expect(e.code).toBe(409);
    expect(e.message).toMatch(/Precondition failed: UID/);
  });

  it("C4: finalizers ⇒ deletionTimestamp, generation bump and MODIFIED; removing the last one ⇒ a single DELETED", () => {
    const { s, server } = setup();
    const d = server.create<Deployment>("deployments", { metadata: { name: "d", finalizers: ["f"] }, spec: { selector: {}, template: {} } });
    const { sink } = watch(server, s, { resourceVersion: "1" }, "deployments");
    server.delete("deployments", "default", "d");
    const terminating = server.get<Deployment>("deployments", "default", "d");
    expect(terminating.metadata.deletionTimestamp).toBe("2025-01-01T00:00:00Z");
    expect(terminating.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(terminating.metadata.generation).toBe(2);
    server.delete("deployments", "default", "d");                               // already terminating: nothing new
    expect(server.currentResourceVersion()).toBe("2");
    const e = errorOf(() => server.update("deployments", { ...terminating, metadata: { ...terminating.metadata, finalizers: ["f", "g"] } }));
    expect(e.code).toBe(422);                                                   // no new finalizers once deleting
    server.update("deployments", { ...terminating, metadata: { ...terminating.metadata, finalizers: [] } });
    s.flush();
    expect(sink.events.map((x) => `${x.type}@${x.rv}`)).toEqual(["MODIFIED@2", "DELETED@3"]);
    expect((sink.events[1]!.object as Deployment).metadata.finalizers).toEqual(["f"]);   // last persisted state
    expect(d.metadata.uid).toBeDefined();
    expect(errorOf(() => server.get("deployments", "default", "d")).code).toBe(404);
  });
  it("C4: a kind without graceful deletion and without finalizers is removed with one DELETED", () => {
    const { s, server } = setup();
    server.create<ConfigMap>("configmaps", { metadata: { name: "c" } });
    const { sink } = watch(server, s, { resourceVersion: "1" }, "configmaps");
    server.delete("configmaps", "default", "c");
    s.flush();
    expect(sink.types()).toEqual(["DELETED c"]);
  });
  it("C4: an unbound pod is deleted in two phases at once: MODIFIED (deletionTimestamp, grace 0) then DELETED", () => {
    const { s, server } = setup();
    server.create("pods", pod("a"));
    const { sink } = watch(server, s, { resourceVersion: "1" });
    server.delete("pods", "default", "a", { gracePeriodSeconds: 30 });
    s.flush();
    expect(sink.events.map((e) => `${e.type}@${e.rv}`)).toEqual(["MODIFIED@2", "DELETED@3"]);
    const mod = sink.events[0]!.object as Pod;
    expect(mod.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(mod.metadata.generation).toBe(2);
  });
  it("C4: a bound pod gets deletionTimestamp = now + grace, stays, and the kubelet removes it when grace ends", () => {
    const { s, server } = setup();
    server.create("pods", pod("a", undefined, { spec: { nodeName: "n1", containers: [] } }));
    const { sink } = watch(server, s, { resourceVersion: "1" });
    s.advance(1_000);
    server.delete("pods", "default", "a");
    const t = server.get<Pod>("pods", "default", "a");
    expect(t.metadata.deletionTimestamp).toBe("2025-01-01T00:00:31Z");
    expect(t.metadata.deletionGracePeriodSeconds).toBe(30);
    s.advance(29_999);
    expect(sink.types()).toEqual(["MODIFIED a"]);
    s.advance(1);
    expect(sink.events.map((e) => `${e.type}@${e.rv}@${e.time}`)).toEqual(["MODIFIED@2@1000", "MODIFIED@3@31000", "DELETED@4@31000"]);
    expect((sink.events[1]!.object as Pod).metadata.deletionGracePeriodSeconds).toBe(0);
  });
  it("C4: without the kubelet a bound terminating pod stays; grace can only be shortened", () => {
    const { s, server } = setup({ kubelet: false });
    server.create("pods", pod("a", undefined, { spec: { nodeName: "n1", containers: [] } }));
    server.delete("pods", "default", "a", { gracePeriodSeconds: 60 });
    s.advance(120_000);
    expect(server.get<Pod>("pods", "default", "a").metadata.deletionGracePeriodSeconds).toBe(60);
    server.delete("pods", "default", "a", { gracePeriodSeconds: 90 });          // longer: ignored
    expect(server.currentResourceVersion()).toBe("2");
    server.delete("pods", "default", "a", { gracePeriodSeconds: 0 });           // shorter: MODIFIED + DELETED
    expect(server.currentResourceVersion()).toBe("4");
    expect(server.list("pods").items).toHaveLength(0);
  });

  it("C5: errors are Status objects with kind, apiVersion, status, message, reason, details and code", () => {
    const { server } = setup();
    const e = errorOf(() => server.get("pods", "default", "x"));
    expect(e.status).toEqual({
      kind: "Status", apiVersion: "v1", status: "Failure", message: 'pods "x" not found', reason: "NotFound",
      code: 404, details: { name: "x", kind: "pods", group: "" },
    });
  });
});
