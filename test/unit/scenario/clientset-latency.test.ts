/**
 * The program's clientset crosses the same network as its informers (client-go: one transport per
 * config, so the clientset and the informer factory built from it share the connection): with a server
 * latency, a request is carried out when it is made and its answer — value or error — reaches the code
 * that latency later, exactly as a Reflector's LIST reply does. Without latency nothing changes (the
 * answer comes in the request's own task).
 */
import { describe, expect, it } from "vitest";
import { runScenario, type Playground, type Scenario } from "../../../src/scenario/index.js";
import { errors, informers } from "../../../src/playground.js";
import type { Pod } from "../../../src/types.js";

const pod = (name: string): Pod => ({
  apiVersion: "v1", kind: "Pod", metadata: { namespace: "default", name },
  spec: { containers: [{ name: "c", image: "nginx" }] },
});

const scenario = (latencyMs: number): Scenario => ({
  seed: 5,
  durationMs: 2_000,
  ...(latencyMs > 0 ? { server: { latencyMs } } : {}),
  initial: [{ resource: "pods", object: pod("web-1") }],
  timeline: [],
});

/** Learner code: a LIST, a create, a GET that fails, then an informer's LIST for comparison. */
async function main({ clientset, stop, log, sleep }: Playground): Promise<void> {
  await sleep(100);
  const list = await clientset.coreV1().pods().list();
  log(`listed ${list.items.length}`);
  await clientset.coreV1().pods("default").create(pod("mine"));
  log("created");
  try {
    await clientset.coreV1().pods("default").get("ghost");
  } catch (e) {
    log(`get failed: ${errors.isNotFound(e)}`);
  }
  const factory = informers.newSharedInformerFactory(clientset, 0);
  factory.core().v1().pods().informer();
  factory.start(stop);
}

async function run(latencyMs: number) {
  const r = await runScenario(scenario(latencyMs), main);
  const lines = r.log.map((l) => `${l.text}@${l.time}`);
  const trace = r.trace as Array<{ kind: string; origin?: string; verb?: string; time: number }>;
  const served = trace.filter((e) => e.kind === "server.request" && e.origin === "code").map((e) => `${e.verb}@${e.time}`);
  const informerListed = trace.find((e) => e.kind === "reflector.list.done")!.time;
  const informerAsked = trace.find((e) => e.kind === "reflector.list.start")!.time;
  return { lines, served, informerRoundTrip: informerListed - informerAsked };
}

describe("the program's clientset and the server latency", () => {
  it("answers after the latency, as the informer's LIST reply does; the server serves each request when it is made", async () => {
    const r = await run(40);
    expect(r.served).toEqual(["list@100", "create@140", "get@180"]);
    expect(r.lines).toEqual(["listed 1@140", "created@180", "get failed: true@220"]);
    expect(r.informerRoundTrip).toBe(40); // the same network: the Reflector's LIST also takes 40 ms
  });

  it("without latency the answer comes at once, as before", async () => {
    const r = await run(0);
    expect(r.served).toEqual(["list@100", "create@100", "get@100"]);
    expect(r.lines).toEqual(["listed 1@100", "created@100", "get failed: true@100"]);
  });
});
