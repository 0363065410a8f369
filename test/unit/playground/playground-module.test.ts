import { cache, errors, informers, labels, workqueue, type Pod, type Playground } from "playground";
import { describe, expect, it } from "vitest";
import { asKnown, type KnownTraceEvent } from "../../../src/sim/trace.js";
import { runScenario, type Scenario } from "../../../src/scenario/index.js";

const pod = (namespace: string, name: string, app: string): Pod => ({
  apiVersion: "v1", kind: "Pod", metadata: { namespace, name, labels: { app } },
  spec: { containers: [{ name: "c", image: `${app}:1` }] },
});

const scenario: Scenario = {
  seed: 3,
  durationMs: 5_000,
  server: { latencyMs: 20 },
  initial: [
    { resource: "pods", object: pod("default", "web-1", "web") },
    { resource: "pods", object: pod("default", "web-2", "web") },
    { resource: "pods", object: pod("shop", "cart-1", "cart") },
  ],
  timeline: [
    { at: 1_000, op: "create", resource: "pods", object: pod("default", "web-3", "web") },
    { at: 2_000, op: "delete", resource: "pods", namespace: "default", name: "web-1" },
  ],
};

const known = (trace: readonly unknown[]): KnownTraceEvent[] => (trace as Parameters<typeof asKnown>[0][]).map(asKnown);

/** The seed article's printer, with waitForCacheSync. */
async function printer({ clientset, stop, log }: Playground): Promise<void> {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();
  podInformer.informer().addEventHandler({
    addFunc: (p: Pod) => log(`Pod added: ${cache.metaNamespaceKeyFunc(p)}`),
    updateFunc: (_old: Pod, p: Pod) => log(`Pod updated: ${p.metadata.name}`),
    deleteFunc: (obj: unknown) => log(`Pod deleted: ${cache.deletionHandlingMetaNamespaceKeyFunc(obj)}`),
  });
  factory.start(stop);
  const ok = await cache.waitForCacheSync(stop, () => podInformer.informer().hasSynced());
  log(`synced=${ok} cached=${podInformer.lister().list().length}`);
}

describe("the playground module", () => {
  it("runs the seed article's printer: initial adds, sync, then watch events", async () => {
    const run = await runScenario(scenario, printer);
    expect(run.error).toBeUndefined();
    const lines = run.log.map((l) => l.text);
    expect(lines.filter((l) => l.startsWith("Pod added:")).sort())
      .toEqual(["Pod added: default/web-1", "Pod added: default/web-2", "Pod added: default/web-3", "Pod added: shop/cart-1"]);
    expect(lines).toContain("synced=true cached=3");
    expect(lines.some((l) => l === "Pod deleted: default/web-1")).toBe(true);
    const again = await runScenario(scenario, printer);
    expect(again.hash).toBe(run.hash);
  });

  it("slowHandler delays a handler registered after the op, in virtual time", async () => {
    const slow: Scenario = { ...scenario, timeline: [{ at: 0, op: "slowHandler", handler: 0, delayMs: 150 }] };
    const fast = await runScenario({ ...scenario, timeline: [] }, printer);
    const slowed = await runScenario(slow, printer);
    expect(slowed.error).toBeUndefined();
    const addTimes = (r: typeof fast): number[] =>
      known(r.trace).filter((e) => e.kind === "handler.returned").map((e) => e.time);
    const f = addTimes(fast);
    const s = addTimes(slowed);
    expect(s).toHaveLength(3);
    expect(f).toHaveLength(3);
    // Each notification takes 150 ms more than the one before in the slow run.
    expect((s[2] ?? 0) - (s[0] ?? 0)).toBeGreaterThanOrEqual(300);
    expect((f[2] ?? 0) - (f[0] ?? 0)).toBeLessThan(300);
  });

  it("runs a controller from learner code: handlers enqueue keys, workers reconcile from the lister", async () => {
    const run = await runScenario(scenario, async ({ clientset, stop, log }) => {
      const factory = informers.newSharedInformerFactory(clientset, 0);
      const pods = factory.core().v1().pods();
      const controller = workqueue.newController({
        workers: 2,
        reconcile: (key) => {
          const [ns, name] = cache.splitMetaNamespaceKey(key);
          try {
            const p = pods.lister().pods(ns).get(name);
            log(`reconcile ${key}: ${labels.matches(p.metadata.labels, "app=web") ? "web" : "other"}`);
          } catch (e) {
            if (!errors.isNotFound(e)) throw e;
            log(`reconcile ${key}: gone`);
          }
        },
      });
      pods.informer().addEventHandler({
        addFunc: (p: Pod) => controller.queue.add(cache.metaNamespaceKeyFunc(p)),
        updateFunc: (_o: Pod, p: Pod) => controller.queue.add(cache.metaNamespaceKeyFunc(p)),
        deleteFunc: (obj: unknown) => controller.queue.add(cache.deletionHandlingMetaNamespaceKeyFunc(obj)),
      });
      factory.start(stop);
      if (!(await cache.waitForCacheSync(stop, () => pods.informer().hasSynced()))) return;
      controller.run(stop);
    });
    expect(run.error).toBeUndefined();
    const lines = run.log.map((l) => l.text);
    expect(lines).toContain("reconcile shop/cart-1: other");
    expect(lines).toContain("reconcile default/web-3: web");
    expect(lines.at(-1)).toBe("reconcile default/web-1: gone");
    const ev = known(run.trace);
    expect(ev.filter((e) => e.kind === "worker.started")).toHaveLength(2);
    expect(ev.some((e) => e.kind === "workqueue.get" && e.queue === "controller")).toBe(true);
  });

  it("binds queues, limiters and DeltaFIFOs to the run, and refuses outside one", async () => {
    const run = await runScenario(scenario, ({ log }) => {
      const q = workqueue.newRateLimitingQueue<string>(workqueue.newItemExponentialFailureRateLimiter(10, 1000));
      q.addRateLimited("k");
      q.addRateLimited("k");
      log(`requeues=${q.numRequeues("k")}`);
      const fifo = cache.newDeltaFIFO({ name: "mine" });
      fifo.add(pod("default", "x", "x"));
      log(`fifo=${fifo.listKeys().join(",")}`);
      const q2 = workqueue.newQueue();
      q2.add("a");
      log(`limiter=${workqueue.defaultControllerRateLimiter().when("z")}`);
    });
    expect(run.error).toBeUndefined();
    expect(run.log.map((l) => l.text)).toEqual(["requeues=2", "fifo=default/x", "limiter=5"]);
    const ev = known(run.trace);
    expect(ev.find((e) => e.kind === "fifo.queued")).toMatchObject({ name: "mine", key: "default/x" });
    expect(new Set(ev.flatMap((e) => (e.kind === "workqueue.add" || e.kind === "workqueue.addAfter" ? [e.queue] : []))))
      .toEqual(new Set(["workqueue", "workqueue-2"]));
    expect(() => workqueue.newQueue()).toThrow(/only be used while a scenario runs/);
    expect(() => cache.waitForCacheSync(new AbortController().signal)).toThrow(/only be used while a scenario runs/);
  });

  it("a throwing handler is traced by the informer and the run goes on", async () => {
    const run = await runScenario(scenario, async ({ clientset, stop, log }) => {
      const factory = informers.newSharedInformerFactory(clientset, 0);
      factory.core().v1().pods().informer().addEventHandler({
        addFunc: (p: Pod) => {
          if (p.metadata.name === "web-2") throw new Error("handler bug");
          log(`ok ${p.metadata.name}`);
        },
      });
      factory.start(stop);
    }, [], { errorLine: (e) => (e instanceof Error && e.message === "handler bug" ? 7 : undefined) });
    expect(run.error).toBeUndefined();
    expect(known(run.trace).find((e) => e.kind === "handler.threw"))
      .toMatchObject({ key: "default/web-2", message: "handler bug", line: 7 });
    expect(run.log.map((l) => l.text)).toContain("ok web-3");
  });

  it("clientset errors carry the server's reason", async () => {
    const run = await runScenario(scenario, async ({ clientset, log }) => {
      try {
        await clientset.coreV1().pods("default").create(pod("default", "web-1", "web"));
      } catch (e) {
        log(`exists=${errors.isAlreadyExists(e)}`);
      }
      try {
        await clientset.coreV1().pods("shop").create(pod("default", "odd", "x"));
      } catch (e) {
        log(`bad=${e instanceof errors.ApiError ? e.code : "?"}`);
      }
      const cm = await clientset.coreV1().configMaps("default").create({
        apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: { a: "1" } });
      cm.data = { a: "2" };
      const updated = await clientset.coreV1().configMaps("default").update(cm);
      log(`rv changed=${updated.metadata.resourceVersion !== cm.metadata.resourceVersion}`);
      try {
        await clientset.coreV1().configMaps("default").update(cm); // stale resourceVersion
      } catch (e) {
        log(`conflict=${errors.isConflict(e)}`);
      }
    });
    expect(run.error).toBeUndefined();
    expect(run.log.map((l) => l.text)).toEqual(["exists=true", "bad=400", "rv changed=true", "conflict=true"]);
  });
});
