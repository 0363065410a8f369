/**
 * Timeline ops placed after the first LIST of their resource (TimedOp.afterFirstList): the write lands
 * right after that LIST is answered, before the code that waited for it resumes, whoever listed first;
 * a run that never lists its resource never applies it.
 */
import { describe, expect, it } from "vitest";
import { runScenario, type Playground, type RunResult, type Scenario } from "../../../src/scenario/index.js";
import { informers } from "../../../src/playground.js";
import type { Pod } from "../../../src/types.js";
import { asKnownTrace } from "../../../src/sim/index.js";

const pod = (name: string): Pod => ({
  apiVersion: "v1", kind: "Pod", metadata: { namespace: "default", name },
  spec: { containers: [{ name: "c", image: "nginx" }] },
});

const scenario: Scenario = {
  seed: 3,
  durationMs: 2_000,
  initial: [{ resource: "pods", object: pod("a") }, { resource: "pods", object: pod("b") }],
  timeline: [{ at: 0, afterFirstList: true, op: "create", resource: "pods", object: pod("between") }],
};

/** The resourceVersion each LIST of pods was answered with, in order, by who asked. */
function lists(run: RunResult): string[] {
  const trace = asKnownTrace(run.trace);
  const out: string[] = [];
  for (const e of trace) {
    if (e.kind !== "server.response" || e.verb !== "list") continue;
    const req = trace.find((r) => r.kind === "server.request" && r.requestId === e.requestId);
    out.push(`${req?.kind === "server.request" ? req.origin : "?"}@${e.resourceVersion}`);
  }
  return out;
}

function informerThen(listFirst: boolean) {
  return async ({ clientset, log, stop }: Playground): Promise<void> => {
    if (listFirst) log(`own ${(await clientset.coreV1().pods().list()).metadata.resourceVersion}`);
    const factory = informers.newSharedInformerFactory(clientset, 0);
    factory.core().v1().pods().informer();
    factory.start(stop);
    if (!listFirst) log(`own ${(await clientset.coreV1().pods().list()).metadata.resourceVersion}`);
  };
}

describe("afterFirstList", () => {
  it("writes between the program's LIST and the informer's, whichever comes first", async () => {
    const programFirst = await runScenario(scenario, informerThen(true));
    expect(lists(programFirst)).toEqual(["code@2", "informer@3"]);
    const informerFirst = await runScenario(scenario, informerThen(false));
    expect(lists(informerFirst)).toEqual(["informer@2", "code@3"]);
    // the op is traced once, at the time of the LIST it follows, before the program logs
    const op = programFirst.trace.filter((e) => e.kind === "runner.op");
    expect(op).toHaveLength(1);
    expect(op[0]!.time).toBe(0);
    expect(op[0]!.seq).toBeLessThan(programFirst.log[0]!.step);
  });

  it("is never applied when nothing lists the resource", async () => {
    const run = await runScenario(scenario, async ({ clientset, log }) => {
      log((await clientset.coreV1().configMaps().list()).items.length);
    });
    expect(run.trace.filter((e) => e.kind === "runner.op")).toHaveLength(0);
    expect(run.trace.filter((e) => e.kind === "server.write")).toHaveLength(2);
  });
});
