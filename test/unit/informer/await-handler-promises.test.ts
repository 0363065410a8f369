// SharedIndexInformerOptions.awaitHandlerPromises (live mode's flow control): a handler whose call is a
// Promise (the page's bridge to learner code in a worker) is running until it settles, so the backlog of
// a slow handler waits in the listener's buffer (as client-go's, whose listener blocks in the call), and
// the informer keeps ingesting meanwhile.
import { describe, expect, it } from "vitest";
import { asKnown, type ResourceEventHandlerFuncs } from "../../../src/index.js";
import { pod, type Obj } from "./fakes.js";
import { harness } from "./harness.js";

interface Deferred { name: string; resolve(): void; reject(e: unknown): void }

/** A handler whose every call returns a Promise the test settles. */
function bridge(calls: Deferred[]): ResourceEventHandlerFuncs<Obj> {
  const call = (name: string) => new Promise<void>((resolve, reject) => calls.push({ name, resolve, reject }));
  return { addFunc: (o) => call(o.metadata.name), updateFunc: (_o, n) => call(n.metadata.name), deleteFunc: () => call("deleted") };
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

function pendingAtCalls(h: ReturnType<typeof harness>): number[] {
  return h.recorder.events.map(asKnown).flatMap((e) => (e.kind === "handler.called" ? [e.pending] : []));
}

describe("awaitHandlerPromises", () => {
  const pods = ["a", "b", "c", "d", "e"].map((n, i) => pod(n, i + 1));

  it("delivers the next notification only when the handler's Promise settles; the backlog is the listener's buffer", async () => {
    const h = harness({ pods, awaitHandlerPromises: true });
    const calls: Deferred[] = [];
    h.informer.addEventHandler(bridge(calls));
    h.run();
    h.scheduler.advance(10);
    expect(calls.map((c) => c.name)).toEqual(["a"]);
    expect(pendingAtCalls(h)).toEqual([4]);
    expect(h.recorder.events.filter((e) => e.kind === "handler.returned")).toHaveLength(0);
    // The informer keeps following: a watch event lands in the cache and the listener's buffer.
    h.lw.last.event("ADDED", pod("f", 9));
    h.scheduler.advance(10);
    expect(h.informer.getStore().listKeys()).toHaveLength(6);
    expect(calls).toHaveLength(1);
    for (let i = 0; i < 5; i++) {
      calls[i]!.resolve();
      await tick();
      h.scheduler.advance(0);
    }
    expect(calls.map((c) => c.name)).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(pendingAtCalls(h)).toEqual([4, 4, 3, 2, 1, 0]);
    expect(h.recorder.events.filter((e) => e.kind === "handler.returned")).toHaveLength(5);
  });

  it("a rejected Promise is a throw: handler.threw, and the next call waits the panic pause", async () => {
    const h = harness({ pods: pods.slice(0, 2), awaitHandlerPromises: true });
    const calls: Deferred[] = [];
    h.informer.addEventHandler(bridge(calls));
    h.run();
    h.scheduler.advance(10);
    const t0 = h.scheduler.now();
    calls[0]!.reject(new Error("boom"));
    await tick();
    h.scheduler.advance(0);
    const threw = h.recorder.events.map(asKnown).find((e) => e.kind === "handler.threw");
    expect(threw?.kind === "handler.threw" ? threw.message : undefined).toBe("boom");
    expect(calls).toHaveLength(1);
    h.scheduler.advance(999);
    expect(calls).toHaveLength(1);
    h.scheduler.advance(1);
    expect(calls.map((c) => c.name)).toEqual(["a", "b"]);
    expect(h.scheduler.now() - t0).toBe(1000);
  });

  it("a Promise settling after the handler was removed changes nothing", async () => {
    const h = harness({ pods: pods.slice(0, 3), awaitHandlerPromises: true });
    const calls: Deferred[] = [];
    const reg = h.informer.addEventHandler(bridge(calls));
    h.run();
    h.scheduler.advance(10);
    h.informer.removeEventHandler(reg);
    calls[0]!.resolve();
    await tick();
    h.scheduler.advance(10);
    expect(calls).toHaveLength(1);
    expect(h.recorder.events.filter((e) => e.kind === "handler.returned")).toHaveLength(0);
  });

  it("without the option, a handler's Promise is not waited for (simulated runs unchanged)", () => {
    const h = harness({ pods });
    const calls: Deferred[] = [];
    h.informer.addEventHandler(bridge(calls));
    h.run();
    h.scheduler.advance(10);
    expect(calls).toHaveLength(5);
    expect(pendingAtCalls(h)).toEqual([4, 3, 2, 1, 0]);
  });
});
