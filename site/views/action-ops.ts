/**
 * The stage's action buttons, as ops: at the current step (virtual time `at`), each button becomes one
 * API.md `TimedOp`, or an error saying what it needs (e.g. an object to delete). Object actions reuse the
 * command bar's parser, so a button and the equivalent typed command produce the same op. Pure.
 * Create names its object "my-<kind>-<n>" (never the scenario's "<app>-<n>" style), with n free in the
 * current view and in every object the whole run names (`runNames(trace)`): the learner's object never
 * collides with an object the scenario creates later (which would turn its create into a 409).
 */
import { type KnownTraceEvent, type ServerObjectView, type WorldView, focusedInformer } from "../../src/sim/index.js";
import { parseCommand, resourceInfo } from "./command-bar-parse.js";
import type { TimedOp } from "./run-types.js";

export const ACTIONS = ["create", "update", "delete", "label", "bind", "drop-watch", "compact", "partition", "partition-timeout", "heal", "restart", "slow-handler"] as const;
export type StageAction = (typeof ACTIONS)[number];

/** The action bar's groups: objects on the server, faults of the server or network, the handlers. */
export const ACTION_GROUPS = {
  objects: ["create", "update", "delete", "label", "bind"],
  faults: ["drop-watch", "compact", "partition", "partition-timeout", "heal", "restart"],
  handlers: ["slow-handler"],
} as const satisfies Record<string, readonly StageAction[]>;
export type ActionGroup = keyof typeof ACTION_GROUPS;

/**
 * The actions that mean something in a run, read from what its trace really has (issue 21 item 3):
 * - objects and faults need something that talks to the API server: a reflector, or requests from the
 *   learner's own clientset (requests by the scenario, the stage's own actions or the kubelet do not
 *   count: a change nobody reads, or a partition nobody is cut off by, shows nothing);
 * - "drop watch" needs a watch that was opened at some point of the run;
 * - "slow handler" needs an event handler (a listener added to a processor, or a handler call).
 * An empty trace (no run yet) allows everything: nothing is known yet.
 */
export function applicableActions(trace: readonly KnownTraceEvent[]): Set<StageAction> {
  if (trace.length === 0) return new Set(ACTIONS);
  let client = false;
  let watch = false;
  let handlers = false;
  for (const e of trace) {
    if (e.component === "reflector") client = true;
    else if (e.kind === "server.request" && (e.origin === "code" || e.origin === "informer")) client = true;
    if (e.kind === "server.watch.opened") watch = true;
    if (e.kind === "processor.listenerAdded" || e.component === "handler" || e.component === "listener") handlers = true;
    if (client && watch && handlers) break;
  }
  const out = new Set<StageAction>();
  if (client) {
    for (const a of ACTION_GROUPS.objects) out.add(a);
    for (const a of ACTION_GROUPS.faults) if (a !== "drop-watch" || watch) out.add(a);
  }
  if (handlers) out.add("slow-handler");
  return out;
}

export type ActionResult = { ok: true; op: TimedOp; command: string } | { ok: false; error: string };

/** The object an object action applies to: the selected one, else the current event's, else the first. */
export function actionTarget(view: WorldView, selected: string | null): ServerObjectView | undefined {
  const objs = view.server.objects;
  if (selected !== null) {
    const direct = objs.get(selected);
    if (direct !== undefined) return direct;
    for (const o of objs.values()) if (o.key === selected) return o;
  }
  const key = view.event !== null && "key" in view.event && typeof view.event.key === "string" ? view.event.key : null;
  if (key !== null) for (const o of objs.values()) if (o.key === key) return o;
  return objs.values().next().value;
}

function resourceOf(view: WorldView, target: ServerObjectView | undefined): string {
  if (target !== undefined) return target.resource;
  const inf = focusedInformer(view);
  // A run's second informer of a resource traces as "pods-2".
  const info = inf === undefined ? undefined : resourceInfo(inf.name) ?? resourceInfo(inf.name.replace(/-\d+$/, ""));
  return info?.resource ?? "pods";
}

/** "resource|name" of every object the run's trace names (server writes and scenario/learner ops), past and future. */
export function runNames(trace: readonly KnownTraceEvent[]): Set<string> {
  const out = new Set<string>();
  const add = (resource: string | undefined, key: string | undefined) => {
    if (resource === undefined || key === undefined) return;
    out.add(`${resource}|${key.slice(key.lastIndexOf("/") + 1)}`);
  };
  for (const e of trace) {
    if (e.kind === "server.write") add(e.resource, e.key);
    else if (e.kind === "runner.op") add(e.resource, e.key);
    else if (e.kind === "server.request" && e.name !== undefined) add(e.resource, e.name);
  }
  return out;
}

function split(o: ServerObjectView): { ns?: string; name: string } {
  const ns = o.object.metadata.namespace;
  return ns === undefined ? { name: o.object.metadata.name } : { ns, name: o.object.metadata.name };
}

/** ` --node=<first node>` (or node-1 when the cluster has no Node objects). */
function defaultNode(view: WorldView): string {
  for (const o of view.server.objects.values()) if (o.resource === "nodes") return ` --node=${o.object.metadata.name}`;
  return " --node=node-1";
}

export interface ActionOptions {
  slowHandlerMs?: number;
  /** Names the whole run uses (`runNames(trace)`), so Create avoids the scenario's later objects too. */
  runNames?: ReadonlySet<string>;
}

export function actionOp(action: StageAction, view: WorldView, selected: string | null, options?: ActionOptions): ActionResult {
  const at = view.time;
  const target = actionTarget(view, selected);
  const run = (command: string): ActionResult => {
    const r = parseCommand(command, { at, objects: view.server.objects.values() });
    if (!r.ok) return { ok: false, error: r.error };
    if (r.op === undefined) return { ok: false, error: `"${command}" changes nothing` };
    return { ok: true, op: r.op, command };
  };
  const fault = (f: "dropWatches" | "compact" | "partition" | "heal" | "restart"): ActionResult =>
    ({ ok: true, op: { op: "fault", fault: f, at }, command: f });
  switch (action) {
    case "create": {
      const resource = resourceOf(view, target);
      const info = resourceInfo(resource)!;
      const ns = target?.object.metadata.namespace ?? "default";
      const base = `my-${info.kind.toLowerCase()}`;
      const taken = new Set([...view.server.objects.values()].filter((o) => o.resource === info.resource).map((o) => o.object.metadata.name));
      const inRun = options?.runNames;
      let i = 1;
      while (taken.has(`${base}-${i}`) || inRun?.has(`${info.resource}|${base}-${i}`) === true) i++;
      return run(`create ${info.kind.toLowerCase()} ${base}-${i}${info.namespaced ? ` -n ${ns}` : ""}`);
    }
    case "update": {
      if (target === undefined) return { ok: false, error: "no object to update" };
      const meta = { ...target.object.metadata };
      delete meta.resourceVersion;
      const annotations = { ...(meta.annotations ?? {}), "playground/touched": `step-${view.step}` };
      return { ok: true, op: { op: "update", resource: target.resource, object: { ...target.object, metadata: { ...meta, annotations } }, at },
        command: `update ${target.resource} ${target.key}` };
    }
    case "delete": {
      if (target === undefined) return { ok: false, error: "no object to delete" };
      const { ns, name } = split(target);
      return run(`delete ${target.resource} ${name}${ns === undefined ? "" : ` -n ${ns}`}`);
    }
    case "label": {
      if (target === undefined) return { ok: false, error: "no object to label" };
      const { ns, name } = split(target);
      return run(`label ${target.resource} ${name} touched=step-${view.step} --overwrite${ns === undefined ? "" : ` -n ${ns}`}`);
    }
    case "drop-watch":
      return fault("dropWatches");
    case "compact":
      return fault("compact");
    case "bind": {
      if (target === undefined || target.resource !== "pods") return { ok: false, error: "select a pod to bind" };
      return run(`bind pod ${target.key}${defaultNode(view)}`);
    }
    case "partition":
      return fault("partition");
    case "partition-timeout":
      return { ok: true, op: { op: "fault", fault: "partition", mode: "timeout", at }, command: "partition (timeout)" };
    case "heal":
      return fault("heal");
    case "restart":
      return fault("restart");
    case "slow-handler": {
      const handler = view.stage?.stage === "handler" || view.stage?.stage === "listener" ? view.stage.index ?? 0 : 0;
      const delayMs = options?.slowHandlerMs ?? 2000;
      return { ok: true, op: { op: "slowHandler", handler, delayMs, at }, command: `slowHandler #${handler} ${delayMs} ms` };
    }
  }
}
