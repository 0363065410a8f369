/**
 * The trace is typed once where it enters the page (decodeTraceEvent, used by check-message.ts): every
 * event a real run records is accepted as it is, and anything outside the closed union is refused.
 */
import { pathToFileURL } from "node:url";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario, type Playground, type Scenario } from "../../../src/scenario/index.js";
import { decodeTraceEvent, TRACE_KINDS } from "../../../src/sim/index.js";

const LESSONS = resolve(__dirname, "../../../lessons");
const load = async <T>(id: string, file: string): Promise<T> =>
  ((await import(pathToFileURL(join(LESSONS, id, file)).href)) as { default: T }).default;

describe("decodeTraceEvent", () => {
  it("accepts every event of real runs unchanged (lessons 01, 12, 16 solutions)", async () => {
    for (const id of ["01-the-big-picture", "12-workqueue", "16-modern-client-go"]) {
      const run = await runScenario(await load<Scenario>(id, "scenario.ts"), await load<(p: Playground) => void>(id, "solution.ts"));
      expect(run.trace.length).toBeGreaterThan(50);
      const decoded = run.trace.map((e, i) => decodeTraceEvent(JSON.parse(JSON.stringify(e)), i + 1));
      expect(decoded.filter((d) => typeof d === "string")).toEqual([]);
      expect(JSON.stringify(decoded)).toBe(JSON.stringify(run.trace));
    }
  });

  it("refuses a forged kind, a kind from another component, a broken seq or time, and learner fields of the wrong type", () => {
    const ok = { seq: 1, time: 0, component: "runner", kind: "runner.log", text: "hi" };
    expect(decodeTraceEvent(ok, 1)).toBe(ok);
    expect(decodeTraceEvent({ ...ok, kind: "runner.pwned" }, 1)).toMatch(/unknown kind/);
    expect(decodeTraceEvent({ ...ok, component: "fifo" }, 1)).toMatch(/from component/);
    expect(decodeTraceEvent(ok, 2)).toMatch(/seq 1 where 2/);
    expect(decodeTraceEvent({ ...ok, time: Number.NaN }, 1)).toMatch(/time/);
    expect(decodeTraceEvent({ ...ok, text: 42 }, 1)).toMatch(/without text/);
    expect(decodeTraceEvent({ seq: 1, time: 0, component: "handler", kind: "handler.threw", message: "x", line: 0 }, 1)).toMatch(/line/);
    expect(decodeTraceEvent([ok], 1)).toMatch(/not an object/);
    expect(Object.keys(TRACE_KINDS).length).toBeGreaterThan(50);
  });

  it("accepts a source position { line, col } on runner.log, handler.called, worker.reconcile and server.request, and refuses a malformed one", () => {
    const log = { seq: 1, time: 0, component: "runner", kind: "runner.log", text: "hi" };
    const called = { seq: 1, time: 0, component: "handler", kind: "handler.called", name: "pods", listener: 0, notification: "add", key: "default/a", resourceVersion: "1", pending: 0 };
    const reconcile = { seq: 1, time: 0, component: "worker", kind: "worker.reconcile", controller: "c", worker: 0, key: "default/a" };
    const request = { seq: 1, time: 0, component: "server", kind: "server.request", requestId: 1, verb: "get", resource: "nodes", origin: "code" };
    for (const e of [log, called, reconcile, request]) {
      expect(decodeTraceEvent(e, 1)).toBe(e);
      const good = { ...e, src: { line: 9, col: 5 } };
      expect(decodeTraceEvent(good, 1)).toBe(good);
      for (const src of [{ line: 0, col: 1 }, { line: 1.5, col: 1 }, { line: 2 }, { line: "3", col: 1 }, [3, 1], null, "9:5", { line: 1, col: 1, file: "x" }]) {
        expect(decodeTraceEvent({ ...e, src }, 1), JSON.stringify(src)).toMatch(/malformed source position/);
      }
    }
  });
});
