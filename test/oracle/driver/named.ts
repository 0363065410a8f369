/**
 * The named transforms and indexers both sides of the oracle know (Go: recorder/transforms.go and
 * recorder/indexers.go). Same names, same behaviour: keep them in step.
 */
import type { IndexFunc } from "../../../src/cache/types.js";
import { DeletedFinalStateUnknown } from "../../../src/cache/deleted-final-state-unknown.js";
import type { KubeObject } from "../../../src/types.js";

export const COUNT_ANNOTATION = "oracle.informer-playground/transforms";

function isObject(obj: unknown): obj is KubeObject {
  return typeof obj === "object" && obj !== null && !(obj instanceof DeletedFinalStateUnknown) &&
    typeof (obj as { metadata?: unknown }).metadata === "object";
}

/** count: +1 in an annotation (in place, like Go); strip: drop managedFields and last-applied; fail:<name>: throw. */
export function namedTransform(spec: string): (obj: unknown) => unknown {
  const [name, arg] = spec.split(/:(.*)/s, 2) as [string, string | undefined];
  switch (name) {
    case "count":
      return (obj) => {
        if (!isObject(obj)) return obj;
        const a = (obj.metadata.annotations ??= {});
        a[COUNT_ANNOTATION] = String((Number.parseInt(a[COUNT_ANNOTATION] ?? "0", 10) || 0) + 1);
        return obj;
      };
    case "strip":
      return (obj) => {
        if (!isObject(obj)) return obj;
        delete obj.metadata.managedFields;
        if (obj.metadata.annotations) delete obj.metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"];
        return obj;
      };
    case "fail":
      if (!arg) throw new Error("transform fail needs a name: fail:<name>");
      return (obj) => {
        if (isObject(obj) && obj.metadata.name === arg) throw new Error(`transform refuses ${arg}`);
        return obj;
      };
  }
  throw new Error(`unknown transform "${spec}"`);
}

/** byNode: spec.nodeName; byLabel:<key>: that label's value. Returns [index name, function]. */
export function namedIndexer(spec: string): [string, IndexFunc] {
  const [name, arg] = spec.split(/:(.*)/s, 2) as [string, string | undefined];
  switch (name) {
    case "byNode":
      return ["byNode", (obj) => {
        const node = isObject(obj) ? (obj as { spec?: { nodeName?: string } }).spec?.nodeName : undefined;
        return node ? [node] : [];
      }];
    case "byLabel":
      if (!arg) throw new Error("indexer byLabel needs a key: byLabel:<key>");
      return [`byLabel:${arg}`, (obj) => {
        const v = isObject(obj) ? obj.metadata.labels?.[arg] : undefined;
        return v !== undefined ? [v] : [];
      }];
  }
  throw new Error(`unknown indexer "${spec}"`);
}

/** How many times the count transform ran on an object (undefined without the annotation). */
export function transformsOf(obj: unknown): number | undefined {
  if (!isObject(obj)) return undefined;
  const s = obj.metadata.annotations?.[COUNT_ANNOTATION];
  if (s === undefined) return undefined;
  const n = Number.parseInt(s, 10);
  return Number.isNaN(n) ? undefined : n;
}
