/**
 * Scenario — a request sequence the differential harness sends, unchanged, to every target.
 *
 * Contract:
 * - A scenario runs in its own namespace `{{ns}}` (created first, not compared) and may name
 *   cluster-scoped objects with `{{run}}`, a per-run suffix; both are replaced by placeholders in the
 *   transcript, so runs on different servers and days compare equal.
 * - Strings in paths and bodies may refer to earlier answers: `{{id.json.path}}` is the value at that
 *   path of the parsed body of the step with that id (for a watch step: `{{id.events.0.object...}}`).
 *   The transcript keeps the template, never the resolved value (RVs differ between servers).
 * - A request step records status, kept headers and body; `pick` narrows a large body (discovery) to
 *   the part both servers are expected to serve.
 * - A watch step opens a watch, runs `during` once its headers arrive, and records every event until
 *   `stopAfter` events arrived (then it stops the watch), the server ends the stream, or `maxMs` passed.
 * - A compact step compacts storage at the current revision on every target.
 */
export interface RequestStep {
  readonly do: "request";
  readonly note: string;
  readonly id?: string;
  readonly method: string;
  readonly path: string;
  readonly accept?: string;
  readonly contentType?: string;
  /** An object is sent as JSON (templated); a string is sent as is (templated). */
  readonly body?: unknown;
  readonly pick?: (body: unknown) => unknown;
}

export interface WatchStep {
  readonly do: "watch";
  readonly note: string;
  readonly id?: string;
  readonly path: string;
  readonly accept?: string;
  readonly stopAfter?: number;
  readonly maxMs: number;
  readonly during?: readonly Step[];
}

export interface CompactStep {
  readonly do: "compact";
  readonly note: string;
}

export type Step = RequestStep | WatchStep | CompactStep;

export interface Scenario {
  readonly name: string;
  readonly title: string;
  readonly steps: readonly Step[];
}

export const JSON_CT = "application/json";
export const MERGE_PATCH = "application/merge-patch+json";
export const JSON_PATCH = "application/json-patch+json";
export const SMP = "application/strategic-merge-patch+json";
export const APPLY_PATCH = "application/apply-patch+yaml";
export const TABLE_ACCEPT = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
export const DISCOVERY_V2_ACCEPT = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

/** Shorthands for the common request shapes. */
export const get = (note: string, path: string, more: Partial<RequestStep> = {}): RequestStep =>
  ({ do: "request", note, method: "GET", path, ...more });
export const post = (note: string, path: string, body: unknown, more: Partial<RequestStep> = {}): RequestStep =>
  ({ do: "request", note, method: "POST", path, body, contentType: JSON_CT, ...more });
export const put = (note: string, path: string, body: unknown, more: Partial<RequestStep> = {}): RequestStep =>
  ({ do: "request", note, method: "PUT", path, body, contentType: JSON_CT, ...more });
export const patch = (note: string, path: string, contentType: string, body: unknown, more: Partial<RequestStep> = {}): RequestStep =>
  ({ do: "request", note, method: "PATCH", path, body, contentType, ...more });
export const del = (note: string, path: string, body?: unknown, more: Partial<RequestStep> = {}): RequestStep =>
  ({ do: "request", note, method: "DELETE", path, ...(body !== undefined ? { body, contentType: JSON_CT } : {}), ...more });
export const watch = (note: string, path: string, more: Partial<WatchStep> & { maxMs: number }): WatchStep =>
  ({ do: "watch", note, path, ...more });
export const compact = (note: string): CompactStep => ({ do: "compact", note });

/** A ConfigMap body in the scenario namespace. */
export function configMap(name: string, data: Record<string, string> = {}, labels?: Record<string, string>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: "v1", kind: "ConfigMap",
    metadata: { name, ...(labels ? { labels } : {}), ...extra },
    data,
  };
}

/** A Pod body; `nodeName` makes it bound (graceful deletes then wait for a kubelet). */
export function pod(name: string, opts: { labels?: Record<string, string>; nodeName?: string; containers?: readonly string[]; meta?: Record<string, unknown> } = {}): Record<string, unknown> {
  return {
    apiVersion: "v1", kind: "Pod",
    metadata: { name, ...(opts.labels ? { labels: opts.labels } : {}), ...opts.meta },
    spec: {
      ...(opts.nodeName ? { nodeName: opts.nodeName } : {}),
      containers: (opts.containers ?? ["app"]).map((c) => ({ name: c, image: `registry.example/${c}:1` })),
    },
  };
}
