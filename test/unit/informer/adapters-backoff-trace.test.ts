import { describe, expect, it } from "vitest";
import { Backoff, Scheduler, toResourceEventHandler, type ResourceEventHandler } from "../../../src/index.js";
import { pod } from "./fakes.js";
import { harness } from "./harness.js";

describe("handler adapters", () => {
  it("ResourceEventHandlerFuncs: missing functions are no-ops, addFunc gets isInInitialList, this is kept", () => {
    const calls: string[] = [];
    const funcs = {
      prefix: "f",
      addFunc(this: { prefix: string }, o: { n: string }, i: boolean) { calls.push(`${this.prefix} add ${o.n} ${i}`); },
    };
    const h = toResourceEventHandler(funcs);
    h.onAdd({ n: "a" }, true);
    h.onUpdate({ n: "a" }, { n: "b" });
    h.onDelete({ n: "a" });
    expect(calls).toEqual(["f add a true"]);
  });

  it("a class instance with onAdd/onUpdate/onDelete is used as is; a partial one gets no-ops", () => {
    const calls: string[] = [];
    class H implements ResourceEventHandler<string> {
      onAdd(o: string) { calls.push("add " + o); }
      onUpdate(a: string, b: string) { calls.push(`update ${a}->${b}`); }
      onDelete(o: unknown) { calls.push("delete " + String(o)); }
    }
    const full = new H();
    expect(toResourceEventHandler(full)).toBe(full);
    const partial = toResourceEventHandler<string>({ onDelete: (o: unknown) => calls.push("partial delete " + String(o)) } as never);
    partial.onAdd("x", false);
    partial.onDelete("y");
    expect(calls).toEqual(["partial delete y"]);
    expect(() => toResourceEventHandler(null as never)).toThrow(TypeError);
  });
});

describe("Backoff", () => {
  it("doubles to the cap without jitter and resets 2 min after the last reset", () => {
    const s = new Scheduler();
    const b = new Backoff(s, { jitter: 0 });
    expect([b.next(), b.next(), b.next(), b.next(), b.next(), b.next(), b.next(), b.next()])
      .toEqual([800, 1600, 3200, 6400, 12800, 25600, 30000, 30000]);
    s.advance(120_000);
    expect(b.next()).toBe(30000); // exactly 2 min: not "more than"
    s.advance(1);
    expect(b.next()).toBe(800);
    s.advance(60_000);
    expect(b.next()).toBe(1600); // measured from the last reset, not from the last failure
  });

  it("jitter comes from the scheduler's seeded PRNG: [d, 2d), same seed ⇒ same delays", () => {
    const run = (seed: number) => { const b = new Backoff(new Scheduler({ seed })); return [b.next(), b.next(), b.next()]; };
    const a = run(5);
    expect(run(5)).toEqual(a);
    expect(run(6)).not.toEqual(a);
    [800, 1600, 3200].forEach((d, i) => { expect(a[i]).toBeGreaterThanOrEqual(d); expect(a[i]).toBeLessThan(2 * d); });
  });
});

describe("trace of one watch event through the pipeline", () => {
  it("reflector → fifo → indexer (with index values) → processor → listener → handler, listeners 0-based", () => {
    const t = harness({ pods: [pod("first", 1)] });
    t.informer.addEventHandler(t.handler("h0"));
    t.informer.addEventHandler(t.handler("h1"));
    t.run();
    t.scheduler.flush();
    const from = t.recorder.events.length;
    t.lw.last.event("ADDED", pod("web", 7));
    t.scheduler.flush();
    const ev = t.recorder.events.slice(from).map((e) => {
      const { seq: _s, time: _t, component: _c, ...rest } = e;
      return rest;
    });
    expect(ev.map((e) => e.kind)).toEqual([
      "reflector.watch.event", "fifo.queued", "reflector.rv", "fifo.popped", "indexer.write", "processor.distribute",
      "listener.buffered", "listener.buffered", "handler.called", "handler.returned", "handler.called", "handler.returned",
    ]);
    expect(ev[4]).toMatchObject({ name: "pods", op: "add", key: "ns/web", resourceVersion: "7", indexes: { namespace: ["ns"] } });
    expect(ev[5]).toMatchObject({ notification: "add", key: "ns/web", deltaType: "Added", sync: false, listeners: [0, 1] });
    expect(ev[8]).toMatchObject({ listener: 0, notification: "add", key: "ns/web", resourceVersion: "7", isInInitialList: false, pending: 0 });
    expect(ev[10]).toMatchObject({ listener: 1 });
    expect(JSON.parse(JSON.stringify(ev))).toEqual(ev);
  });

  it("a throwing handler is traced and the other listener is not disturbed", () => {
    const t = harness({ pods: [pod("a", 1)] });
    t.informer.addEventHandler({ addFunc: () => { throw new Error("boom"); } });
    t.informer.addEventHandler(t.handler("ok"));
    t.run();
    t.scheduler.flush();
    expect(t.recorder.events.find((e) => e.kind === "handler.threw")).toMatchObject({ listener: 0, message: "boom", key: "ns/a" });
    expect(t.recorder.events.find((e) => e.kind === "handler.threw")).not.toHaveProperty("line");
    expect(t.of("ok")).toEqual(["add a@1"]);
  });
});

describe("errorLine hook", () => {
  it("handler.threw carries the line the runner maps the error to", () => {
    const t = harness({ pods: [pod("a", 1)], errorLine: (e) => (e instanceof Error && e.message === "boom" ? 42 : undefined) });
    t.informer.addEventHandler({ addFunc: () => { throw new Error("boom"); } });
    t.run();
    t.scheduler.flush();
    expect(t.recorder.events.find((e) => e.kind === "handler.threw")).toMatchObject({ message: "boom", line: 42 });
  });
});

describe("async handlers", () => {
  it("a rejected Promise is traced as handler.threw, never an unhandled rejection; the listener goes on", async () => {
    const t = harness({ pods: [pod("a", 1), pod("b", 2)] });
    const seen: string[] = [];
    const reg = t.informer.addEventHandler({
      addFunc: async (o: { metadata: { name: string } }) => {
        seen.push(o.metadata.name);
        await Promise.resolve();
        if (o.metadata.name === "a") throw new Error("async boom");
      },
    });
    t.run();
    t.scheduler.flush();
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(seen).toEqual(["a", "b"]);
    expect(reg.hasSynced()).toBe(true); // the synchronous part returned for both initial adds
    const threw = t.recorder.events.filter((e) => e.kind === "handler.threw");
    expect(threw).toHaveLength(1);
    expect(threw[0]).toMatchObject({ message: "async boom", key: "ns/a", notification: "add" });
  });

  it("FilteringResourceEventHandler passes the inner handler's Promise through", async () => {
    const t = harness({ pods: [pod("a", 1)] });
    const { FilteringResourceEventHandler } = await import("../../../src/index.js");
    t.informer.addEventHandler(new FilteringResourceEventHandler(() => true, {
      addFunc: async () => { throw new Error("filtered async boom"); },
    }));
    t.run();
    t.scheduler.flush();
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(t.recorder.events.filter((e) => e.kind === "handler.threw").map((e) => e["message"])).toEqual(["filtered async boom"]);
  });
});
