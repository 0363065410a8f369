import type { Pod, Scenario, TimedOp } from "../../src/index.js";
import { withVariants } from "../_lib/vary.js";

const pod = (name: string): Pod => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { namespace: "default", name, labels: { app: "web", version: "1" } },
  spec: { containers: [{ name: "main", image: "web:1" }] },
});
const version = (name: string, v: string) =>
  ({ op: "label" as const, resource: "pods", namespace: "default", name, labels: { version: v } });

const base: Scenario = {
  seed: 12,
  durationMs: 5_000,
  initial: [
    { resource: "pods", object: pod("web-1") },
    { resource: "pods", object: pod("web-2") },
    { resource: "pods", object: pod("web-3") },
    { resource: "pods", object: pod("web-4") },
  ],
  timeline: [
    // web-1: picked up, changed while processing, changed again (dedup), processed once more.
    { at: 1_000, ...version("web-1", "2") },
    { at: 1_050, ...version("web-1", "3") },
    { at: 1_100, ...version("web-1", "4") },
    // Three keys for two workers: web-4 waits in the queue and changes again there.
    { at: 2_000, ...version("web-2", "2") },
    { at: 2_000, ...version("web-3", "2") },
    { at: 2_000, ...version("web-4", "2") },
    { at: 2_050, ...version("web-4", "3") },
    // web-2 goes away: the lister says NotFound.
    { at: 3_000, op: "delete", resource: "pods", namespace: "default", name: "web-2" },
  ],
};

// Other seeds: web-1 ends at another version (4–7, with as many quick changes), web-4 at another one,
// and web-2 goes away at another time; a hard-coded `version=4` fails there.
const scenario = withVariants(base, 3, (r, _seed, i) => {
  const last = [6, 5, 7][i - 1]!;
  const web1: TimedOp[] = Array.from({ length: last - 1 }, (_, k) => ({ at: 1_000 + k * 50, ...version("web-1", String(k + 2)) }));
  const web4 = r.int(3, 6);
  return {
    timeline: [
      ...web1,
      { at: 2_000, ...version("web-2", "2") },
      { at: 2_000, ...version("web-3", "2") },
      ...Array.from({ length: web4 - 1 }, (_, k) => ({ at: 2_000 + k * 50, ...version("web-4", String(k + 2)) })),
      { at: r.int(2_800, 3_600), op: "delete", resource: "pods", namespace: "default", name: "web-2" },
    ],
  };
});
export default scenario;
