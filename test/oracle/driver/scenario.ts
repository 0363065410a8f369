/**
 * OracleScenario — one differential run: the same cluster, the same informer options, the same
 * operations and faults, applied to real client-go (the Go recorder) and to our SharedIndexInformer
 * (through the HTTP ListerWatcher), with a barrier after every step.
 *
 * Contract:
 * - `mode` picks the same machinery on both sides: fifo "delta" ⇔ Go gate InOrderInformers=false
 *   (forced: it is locked on since 1.36), "real" ⇔ InOrderInformers on, AtomicFIFO off, "realAtomic" ⇔
 *   AtomicFIFO on (UnlockWhileProcessingFIFO at its default); `batch` ⇔ InOrderInformersBatchProcess;
 *   `watchList` ⇔ WatchListClient. Every gate is passed explicitly (client-go 0.37's defaults are all on).
 * - Every step's actions run in order, then (unless `barrier: false`) the driver waits until every
 *   handler of both informers has been notified of a fresh write to the barrier object: all earlier
 *   events have then been delivered (per handler notifications are ordered). The barrier object is an
 *   ordinary object of the informed resource that matches the informer's selectors; its notifications
 *   are dropped from both recordings.
 * - A difference between the recordings must be listed in `knownDifferences` with both sequences and
 *   the client-go source that explains it; an unlisted difference, or a listed one that did not happen,
 *   fails the scenario.
 */
import type { KubeObject } from "../../../src/types.js";

export type Fifo = "delta" | "real" | "realAtomic";

export interface Mode {
  fifo: Fifo;
  batch?: boolean;
  watchList?: boolean;
}

export interface HandlerSpec {
  id: string;
  /** AddEventHandlerWithResyncPeriod when set (ms). */
  resyncMs?: number;
  /** The handler throws (Go: panics) on every notification about the object of this name, after recording it. */
  throwOn?: string;
  /** The barrier does not wait for this registration to report synced (a throwing initial add). */
  neverSynced?: boolean;
}

export interface InformerSpec {
  resource?: string;                 // plural, default "pods"
  resyncMs?: number;                 // the factory's default resync
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** A transform both sides know by name (recorder/transforms.go, driver/named.ts). */
  transform?: string;
  /** Extra indexers both sides know by name (recorder/indexers.go, driver/named.ts). */
  indexers?: string[];
  handlers: HandlerSpec[];
}

export type FaultName = "partition" | "heal" | "compact" | "dropWatches" | "restart" | "watchError";

export type Action =
  | { op: "create"; resource?: string; object: KubeObject }
  | { op: "label"; resource?: string; namespace: string; name: string; labels: Record<string, string | null> }
  | { op: "patch"; resource?: string; namespace: string; name: string; type: "merge" | "strategic" | "json"; patch: unknown }
  /** GET the object, let `change` modify it (or not: a no-op update), PUT it back. */
  | { op: "update"; resource?: string; namespace: string; name: string; change: (obj: KubeObject) => void }
  | { op: "delete"; resource?: string; namespace: string; name: string; gracePeriodSeconds?: number }
  /** POST pods/{name}/binding: the scheduler binds a pod to a node. */
  | { op: "bind"; namespace: string; name: string; node: string }
  /** A write on the server's side of a partition: straight to the ApiServer, not over HTTP. */
  | { op: "serverSide"; describe: string; run: (api: import("../../../src/apiserver/api-server.js").ApiServer) => void }
  | { fault: FaultName; body?: Record<string, number> }
  | { addHandler: HandlerSpec }
  | { removeHandler: string }
  /** Real time passes (resync scenarios). */
  | { sleepMs: number }
  /** Poll until the object is gone from the server (a graceful delete's second phase). */
  | { waitGone: { resource?: string; namespace: string; name: string } };

export interface Step {
  name: string;
  actions: Action[];
  /** Default true. False for a step that leaves the informers unable to catch up (a partition). */
  barrier?: boolean;
}

/** A difference the oracle found and we keep, with the reason (never silently skipped). */
export interface KnownDifference {
  name: string;
  step: number;
  handler: string;
  key: string;
  /** Both notification sequences exactly as `formatNote` prints them. */
  go: string[];
  ts: string[];
  why: string;
  /** The client-go source (file and function, v0.37.2) that explains Go's side. */
  source: string;
}

export interface OracleScenario {
  name: string;
  mode: Mode;
  informer: InformerSpec;
  /** Objects that exist before both informers start. */
  initial: Array<{ resource?: string; object: KubeObject }>;
  steps: Step[];
  /** Options for the simulated ApiServer. */
  server?: { watchCacheCapacity?: number; bookmarkIntervalMs?: number };
  /** Labels/fields the barrier object needs to pass the selectors (default: none). */
  barrier?: { labels?: Record<string, string>; nodeName?: string; namespace?: string };
  knownDifferences?: KnownDifference[];
}
