/**
 * applyOp — carries out one scenario or learner operation (`Op`) against the run, at its virtual time.
 *
 * Contract:
 * - create / update / delete go straight to the ApiServer (the cluster itself). `apply` creates the
 *   object, or, if it exists, replaces the given top-level fields and merges the given metadata onto the
 *   stored object (at its current resourceVersion, so it never conflicts). `label` merges labels into
 *   the stored object (`null` removes a label) and updates it.
 * - bind ⇒ the pods/binding subresource (ApiServer.bind), the only way to set a pod's node after create.
 * - fault ⇒ the server's fault method (dropWatches, compact, partition — with its `mode`, "refused" by
 *   default or "timeout" — heal, restart). A partition with `durationMs` heals by itself that much later
 *   (applied as its own traced `heal` op, learner or not like the partition).
 * - slowHandler ⇒ listener `handler` (0-based registration order) of every informer of the run, present
 *   and future, takes `delayMs` of virtual time per notification.
 * - Every operation is traced as a `runner.op` (learner: true for learner actions) BEFORE its effects, so
 *   the UI can show the cause first. An operation the server rejects does not stop the run: a second
 *   `runner.op` for it carries `detail: "failed: <message>"`.
 * - The requests an operation makes are traced with origin "action" (a learner action: a stage button or
 *   command) or "scenario" (the lesson's timeline), never as the learner's code.
 */
import type { ApiServer } from "../apiserver/index.js";
import { isNotFound } from "../apimachinery/errors.js";
import { traceTo, type Tracer } from "../sim/trace.js";
import type { KubeObject } from "../types.js";
import type { Op } from "./scenario.js";

export interface OpTarget {
  server: ApiServer;
  tracer: Tracer;
  setListenerDelay(handler: number, delayMs: number): void;
  /** Runs `fn` after `ms` of virtual time (a timed partition's heal). */
  after(ms: number, fn: () => void): void;
}

function keyOf(namespace: string | undefined, name: string): string {
  return namespace !== undefined && namespace !== "" ? `${namespace}/${name}` : name;
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function describe(op: Op): { resource?: string; key?: string; detail?: string } {
  switch (op.op) {
    case "create":
    case "update":
    case "apply":
      return { resource: op.resource, key: keyOf(op.object.metadata.namespace, op.object.metadata.name) };
    case "delete":
      return {
        resource: op.resource, key: keyOf(op.namespace, op.name),
        ...(op.gracePeriodSeconds !== undefined ? { detail: `gracePeriodSeconds=${op.gracePeriodSeconds}` } : {}),
      };
    case "label":
      return {
        resource: op.resource, key: keyOf(op.namespace, op.name),
        detail: Object.entries(op.labels).map(([k, v]) => (v === null ? `${k}-` : `${k}=${v}`)).join(","),
      };
    case "bind":
      return { resource: "pods", key: keyOf(op.namespace ?? "default", op.name), detail: `node ${op.node}` };
    case "fault":
      // The narration reads these details; a timed partition's end is its own traced `heal`.
      return { detail: op.fault === "partition" && op.mode === "timeout" ? "partition (timeout)" : op.fault };
    case "slowHandler":
      return { detail: `handler ${op.handler}: ${op.delayMs} ms per notification` };
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function applyOp(target: OpTarget, op: Op, learner: boolean): void {
  const trace = traceTo(target.tracer);
  const d = describe(op);
  const base = { component: "runner", kind: "runner.op", op: op.op, learner } as const;
  const traceOp = (): void => {
    trace({
      ...base,
      ...(d.resource !== undefined ? { resource: d.resource } : {}),
      ...(d.key !== undefined ? { key: d.key } : {}),
      ...(d.detail !== undefined ? { detail: d.detail } : {}),
    });
  };
  // Faults and handler delays cannot fail: trace, then act.
  if (op.op === "fault" || op.op === "slowHandler") {
    traceOp();
    if (op.op === "slowHandler") target.setListenerDelay(op.handler, op.delayMs);
    else if (op.fault === "restart") target.server.restart();
    else if (op.fault === "partition") {
      target.server.partition(op.mode ?? "refused");
      if (op.durationMs !== undefined) target.after(op.durationMs, () => applyOp(target, { op: "fault", fault: "heal" }, learner));
    }
    else target.server[op.fault]();
    return;
  }
  traceOp();
  try {
    target.server.withRequestOrigin(learner ? "action" : "scenario", () => runWrite(target.server, op));
  } catch (e) {
    trace({
      ...base,
      ...(d.resource !== undefined ? { resource: d.resource } : {}),
      ...(d.key !== undefined ? { key: d.key } : {}),
      detail: `failed: ${messageOf(e)}`,
    });
  }
}

function runWrite(server: ApiServer, op: Exclude<Op, { op: "fault" } | { op: "slowHandler" }>): void {
  switch (op.op) {
    case "create":
      server.create(op.resource, copy(op.object));
      return;
    case "update":
      server.update(op.resource, copy(op.object));
      return;
    case "apply": {
      const meta = op.object.metadata;
      let existing: KubeObject | undefined;
      try {
        existing = server.get<KubeObject>(op.resource, meta.namespace, meta.name);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      if (existing === undefined) {
        server.create(op.resource, copy(op.object));
        return;
      }
      const merged = { ...copy(existing), ...copy(op.object) } as KubeObject;
      // At the stored object's resourceVersion: apply never conflicts.
      merged.metadata = { ...copy(existing.metadata), ...copy(meta), resourceVersion: existing.metadata.resourceVersion };
      server.update(op.resource, merged);
      return;
    }
    case "bind":
      server.bind({ metadata: { name: op.name, namespace: op.namespace ?? "default" }, target: { kind: "Node", name: op.node } });
      return;
    case "delete":
      if (op.gracePeriodSeconds !== undefined) {
        server.delete(op.resource, op.namespace, op.name, { gracePeriodSeconds: op.gracePeriodSeconds });
      } else {
        server.delete(op.resource, op.namespace, op.name);
      }
      return;
    case "label": {
      const existing = server.get<KubeObject>(op.resource, op.namespace, op.name);
      const next = copy(existing);
      const labels: Record<string, string> = { ...(next.metadata.labels ?? {}) };
      for (const [k, v] of Object.entries(op.labels)) {
        if (v === null) delete labels[k];
        else labels[k] = v;
      }
      next.metadata.labels = labels;
      server.update(op.resource, next);
      return;
    }
  }
}
