/**
 * Listers — read-only views of an informer's cache (client-go `listers/`, `tools/cache/listers.go`,
 * spec §6.3).
 *
 * Contract:
 * - `list(selector?)`: objects whose labels match the label selector (equality- and set-based, parsed by
 *   src/labels; a malformed selector throws ApiError 400). An empty selector lists everything without
 *   reading labels. Order is the cache's (unspecified).
 * - `byNamespace(ns)` (and `PodLister.pods(ns)`): the same, restricted to one namespace through the
 *   "namespace" index (a full scan when the index is missing); `""` means all namespaces.
 * - `get(name)`: by key — `name` for the cluster-wide lister, `ns/name` for a namespace lister. A miss
 *   throws ApiError 404 NotFound, message `<singular resource>[.<group>] "<name>" not found` (e.g.
 *   `pod "web-1" not found`, `deployment.apps "web" not found`), details { kind: singular resource,
 *   group (when not core), name }.
 * - Returned objects are the cache's own (frozen when they came from the simulated server): never
 *   mutate them.
 * - Traced (only when the informer is: `ListerTrace`): every `get` and `list` emits `lister.query` (op,
 *   key or namespace and selector, items found, the found object's resourceVersion), after any
 *   `indexer.query` the read made. No tracing work happens without a tracer.
 */
import { newApiError } from "../apimachinery/errors.js";
import { NamespaceIndex } from "../cache/keys.js";
import type { Indexer } from "../cache/types.js";
import { parseSelector, type LabelSelector, type Labels } from "../labels/selector.js";
import type { KubeObject, Pod } from "../types.js";

export interface GenericNamespaceLister<T> {
  list(selector?: string): T[];
  get(name: string): T;
}
export interface GenericLister<T> {
  list(selector?: string): T[];
  byNamespace(namespace: string): GenericNamespaceLister<T>;
  get(name: string): T;
}
export interface PodLister extends GenericLister<Pod> {
  pods(namespace: string): GenericNamespaceLister<Pod>;
}

/**
 * A lister read as the trace records it: the closed union's `lister.query` (src/sim/trace-informer.ts;
 * test/unit/scenario/course-trace.test.ts keeps the two the same). Spelled out here rather than imported,
 * so the playground's declarations do not pull in the trace module.
 */
export interface ListerQueryEvent {
  component: "indexer";
  kind: "lister.query";
  name: string;
  op: "get" | "list";
  key?: string;
  namespace?: string;
  selector?: string;
  items: number;
  resourceVersion?: string;
}

/** Where a lister traces its reads: the informer's read tracer and trace name. */
export interface ListerTrace {
  fn: (event: ListerQueryEvent) => void;
  name: string;
}

function traceGet(trace: ListerTrace, key: string, namespace: string, obj: unknown): void {
  const rv = (obj as KubeObject | undefined)?.metadata?.resourceVersion;
  trace.fn({ component: "indexer", kind: "lister.query", name: trace.name, op: "get", key,
    ...(namespace !== "" ? { namespace } : {}), items: obj === undefined ? 0 : 1, ...(rv !== undefined ? { resourceVersion: rv } : {}) });
}

function traceList(trace: ListerTrace, namespace: string, selector: string | undefined, items: number): void {
  trace.fn({ component: "indexer", kind: "lister.query", name: trace.name, op: "list",
    ...(namespace !== "" ? { namespace } : {}), ...(selector ? { selector } : {}), items });
}

function labelsOf(obj: unknown): Labels {
  return (obj as KubeObject).metadata?.labels;
}

/** ListAll: every object of the store matching the selector. */
export function listAll<T>(indexer: Indexer<T>, selector: LabelSelector): T[] {
  const all = indexer.list();
  if (selector.empty()) return all;
  const out: T[] = [];
  for (const obj of all) if (selector.matches(labelsOf(obj))) out.push(obj);
  return out;
}

/** ListAllByNamespace: through the namespace index when present, else a filtered scan. */
export function listAllByNamespace<T>(indexer: Indexer<T>, namespace: string, selector: LabelSelector): T[] {
  if (namespace === "") return listAll(indexer, selector);
  let items: T[];
  if (indexer.getIndexers()[NamespaceIndex] !== undefined) {
    items = indexer.byIndex(NamespaceIndex, namespace);
  } else {
    items = indexer.list().filter((o) => ((o as KubeObject).metadata?.namespace ?? "") === namespace);
  }
  if (selector.empty()) return items;
  return items.filter((o) => selector.matches(labelsOf(o)));
}

/**
 * errors.NewNotFound(v1.Resource("deployment"), name) as generated listers call it: the singular
 * resource qualified by its group — `deployment.apps "x" not found`, `pod "x" not found`.
 */
function notFound(resource: string, name: string): Error {
  const dot = resource.indexOf(".");
  const kind = dot < 0 ? resource : resource.slice(0, dot);
  const group = dot < 0 ? "" : resource.slice(dot + 1);
  return newApiError(404, "NotFound", `${resource} "${name}" not found`, { kind, name, ...(group !== "" ? { group } : {}) });
}

export class NamespaceLister<T> implements GenericNamespaceLister<T> {
  constructor(private readonly indexer: Indexer<T>, private readonly namespace: string,
              private readonly resource: string, private readonly trace?: ListerTrace | undefined) {}

  list(selector?: string): T[] {
    const items = listAllByNamespace(this.indexer, this.namespace, parseSelector(selector));
    if (this.trace !== undefined) traceList(this.trace, this.namespace, selector, items.length);
    return items;
  }

  get(name: string): T {
    const key = this.namespace === "" ? name : this.namespace + "/" + name;
    const obj = this.indexer.getByKey(key);
    if (this.trace !== undefined) traceGet(this.trace, key, this.namespace, obj);
    if (obj === undefined) throw notFound(this.resource, name);
    return obj;
  }
}

export class Lister<T> implements GenericLister<T> {
  /** @param resource the singular lowercase resource used in NotFound errors, group-qualified: "pod", "deployment.apps". */
  constructor(protected readonly indexer: Indexer<T>, protected readonly resource: string,
              protected readonly trace?: ListerTrace | undefined) {}

  list(selector?: string): T[] {
    const items = listAll(this.indexer, parseSelector(selector));
    if (this.trace !== undefined) traceList(this.trace, "", selector, items.length);
    return items;
  }

  byNamespace(namespace: string): GenericNamespaceLister<T> {
    return new NamespaceLister(this.indexer, namespace, this.resource, this.trace);
  }

  get(name: string): T {
    const obj = this.indexer.getByKey(name);
    if (this.trace !== undefined) traceGet(this.trace, name, "", obj);
    if (obj === undefined) throw notFound(this.resource, name);
    return obj;
  }
}

export class PodListerImpl extends Lister<Pod> implements PodLister {
  constructor(indexer: Indexer<Pod>, trace?: ListerTrace) {
    super(indexer, "pod", trace);
  }

  pods(namespace: string): GenericNamespaceLister<Pod> {
    return this.byNamespace(namespace);
  }
}
