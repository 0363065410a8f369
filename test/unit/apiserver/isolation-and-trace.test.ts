import { describe, expect, it } from "vitest";
import {
  ApiServer, Scheduler, asKnown, isDeepFrozen, isNotFound, type ApiError, type KubeList, type Pod, type TraceOf,
} from "../../../src/index.js";
import { pod, setup, Sink, watch, withLabels } from "./helpers.js";

describe("clients never share the server's objects", () => {
  it("everything returned is deep-frozen: mutating it throws in strict code", () => {
    const { s, server } = setup();
    const input = pod("a", { app: "web" });
    const created = server.create("pods", input);
    input.metadata.labels!["app"] = "changed";                            // the caller's object is not stored
    expect(server.get<Pod>("pods", "default", "a").metadata.labels).toEqual({ app: "web" });
    expect(() => { created.metadata.labels!["app"] = "x"; }).toThrow(TypeError);
    expect(() => { created.spec!.containers.push({ name: "x" }); }).toThrow(TypeError);
    const list = server.list<Pod>("pods");
    expect(Object.isFrozen(list)).toBe(true);
    expect(Object.isFrozen(list.items)).toBe(true);
    expect(isDeepFrozen(list.items[0])).toBe(true);
    const { sink } = watch(server, s, {});
    s.flush();
    expect(Object.isFrozen(sink.events[0]!.object)).toBe(true);
    expect(() => { (sink.events[0]!.object as Pod).metadata.name = "b"; }).toThrow(TypeError);
  });

  it("an update shares unchanged parts with the stored version (structural sharing)", () => {
    const { server } = setup();
    const a = server.create("pods", pod("a"));
    const b = server.update("pods", withLabels(a, { x: "1" }));
    expect(b.spec).toBe(a.spec);
    expect(isDeepFrozen(b)).toBe(true);
  });

  it("all watchers of the same event get the same frozen object (no clone per watcher)", () => {
    const { s, server } = setup();
    const w1 = watch(server, s, { resourceVersion: "0" });
    const w2 = watch(server, s, { resourceVersion: "0", labelSelector: "app=web" });
    server.create("pods", pod("a", { app: "web" }));
    s.flush();
    expect(w1.sink.events[0]!.object).toBe(w2.sink.events[0]!.object);
  });
});

describe("ListerWatcher", () => {
  it("replies arrive from scheduled tasks, errors in the callback, never synchronously", () => {
    const { s, server } = setup();
    const lw = server.listerWatcher<Pod>("pods");
    const seen: Array<string> = [];
    lw.list({ resourceVersion: "5", resourceVersionMatch: "NotOlderThan" }, (e) => seen.push(`list ${e?.code}`));
    const sink = new Sink(s);
    lw.watch({ resourceVersion: "9", sendInitialEvents: true, resourceVersionMatch: "NotOlderThan" }, sink); // a streaming list from the future: 504
    lw.list({}, (_e, l?: KubeList<Pod>) => seen.push(`ok ${l?.metadata.resourceVersion}`));
    expect(seen).toEqual([]);
    s.flush();
    expect(seen).toEqual(["list 504", "ok 0"]);
    expect(sink.closed?.error?.code).toBe(504);
  });

  it("applies its namespace and ANDs its selectors with the request's", () => {
    const { s, server } = setup();
    server.create("pods", pod("a", { app: "web", tier: "fe" }, undefined, "ns1"));
    server.create("pods", pod("b", { app: "web", tier: "be" }, undefined, "ns1"));
    server.create("pods", pod("c", { app: "web", tier: "fe" }, undefined, "ns2"));
    const lw = server.listerWatcher<Pod>("pods", { namespace: "ns1", labelSelector: "app=web" });
    let names: string[] = [];
    lw.list({ labelSelector: "tier=fe" }, (_e, l) => { names = l!.items.map((p) => p.metadata.name); });
    s.flush();
    expect(names).toEqual(["a"]);
  });

  it("a stopped watch hears nothing more, not even onClose", () => {
    const { s, server } = setup();
    const sink = new Sink(s);
    const w = server.listerWatcher("pods").watch({ resourceVersion: "0" }, sink);
    server.create("pods", pod("a"));
    w.stop();
    server.dropWatches();
    s.flush();
    expect(sink.events).toHaveLength(0);
    expect(sink.closed).toBeUndefined();
    const refused = new Sink(s);
    server.partition();
    server.listerWatcher("pods").watch({}, refused).stop();
    s.flush();
    expect(refused.closed).toBeUndefined();
  });
});

describe("trace", () => {
  it("traces request/response (with client), writes, and the watch lifecycle", () => {
    const { s, server, rec } = setup();
    server.create("pods", pod("a"));
    const sink = new Sink(s);
    const w = server.listerWatcher("pods", { client: "reflector:pods" }).watch({ resourceVersion: "1", timeoutSeconds: 60 }, sink);
    server.delete("pods", "default", "a");
    s.flush();
    w.stop();
    const events = rec.events.map(asKnown);
    expect(events.map((e) => e.kind)).toEqual([
      "server.request", "server.write", "server.response",                  // create
      "server.request", "server.response", "server.watch.opened",           // watch
      "server.request", "server.write", "server.write", "server.response",  // delete: MODIFIED + DELETED
      "server.watch.event", "server.watch.event", "server.watch.closed",
    ]);
    const req = events[3] as TraceOf<"server.request">;
    expect(req).toMatchObject({ verb: "watch", resource: "pods", client: "reflector:pods", resourceVersion: "1", timeoutSeconds: 60 });
    const writes = events.filter((e) => e.kind === "server.write") as Array<TraceOf<"server.write">>;
    expect(writes.map((e) => [e.type, e.key, e.resourceVersion])).toEqual([
      ["ADDED", "default/a", "1"], ["MODIFIED", "default/a", "2"], ["DELETED", "default/a", "3"],
    ]);
    const evs = events.filter((e) => e.kind === "server.watch.event") as Array<TraceOf<"server.watch.event">>;
    expect(evs.map((e) => [e.type, e.key, e.resourceVersion])).toEqual([["MODIFIED", "default/a", "2"], ["DELETED", "default/a", "3"]]);
    expect((events.at(-1) as TraceOf<"server.watch.closed">).reason).toBe("stopped");
    expect(JSON.parse(JSON.stringify(rec.events))).toEqual(rec.events);   // plain data
  });

  it("traces rejected requests with their Status code and reason, and changes nothing", () => {
    const { server, rec } = setup();
    let err: ApiError | undefined;
    try { server.get("pods", "default", "x"); } catch (e) { err = e as ApiError; }
    expect(isNotFound(err)).toBe(true);
    const last = asKnown(rec.events.at(-1)!) as TraceOf<"server.response">;
    expect(last).toMatchObject({ kind: "server.response", verb: "get", code: 404, reason: "NotFound" });
    expect(rec.events.some((e) => e.kind === "server.write")).toBe(false);
  });

  it("works the same without a tracer", () => {
    const traced = setup();
    const plain = new ApiServer(new Scheduler({ seed: 1 }));
    for (const server of [traced.server, plain]) {
      const a = server.create("pods", pod("a"));
      server.update("pods", withLabels(a, { x: "1" }));
    }
    expect(plain.get("pods", "default", "a")).toEqual(traced.server.get("pods", "default", "a"));
    expect(traced.rec.events.length).toBeGreaterThan(0);
  });
});
