/** Shared helpers for the tools/cache conformance scenarios (spec/client-go.md §12 conventions). */
import { DeletedFinalStateUnknown, type Delta, type KeyListerGetter } from "../../../src/cache/index.js";

export interface TestObj {
  metadata: { name: string; namespace?: string; resourceVersion: string };
  /** Mutated by transformer tests. */
  transformed?: number;
}

/** `name@n`: an object whose key is `name` carrying version `n`. */
export function obj(name: string, rv: number | string): TestObj {
  return { metadata: { name, resourceVersion: String(rv) } };
}

/** `T(key, obj)`. */
export function tomb(key: string, inner: unknown): DeletedFinalStateUnknown {
  return new DeletedFinalStateUnknown(key, inner);
}

/** A static knownObjects lister ("KO = {…}"). */
export function known(...objects: TestObj[]): KeyListerGetter {
  const byKey = new Map(objects.map((o) => [o.metadata.name, o] as const));
  return {
    listKeys: () => Array.from(byKey.keys()),
    getByKey: (key) => byKey.get(key),
  };
}

/** Renders an object as the spec writes it: `foo@10`, `T(foo, foo@2)`, `T(foo, null)`. */
export function show(value: unknown): string {
  if (value instanceof DeletedFinalStateUnknown) return `T(${value.key}, ${show(value.obj)})`;
  if (value === null || value === undefined) return String(value);
  if (typeof value === "string") return value;
  const meta = (value as TestObj).metadata;
  return `${meta.name}@${meta.resourceVersion}`;
}

/** Renders a Deltas list as the spec writes it: `["Added foo@10", "Deleted T(foo, foo@2)"]`. */
export function showDeltas(deltas: readonly Delta[] | undefined): string[] | undefined {
  return deltas?.map((d) => `${d.type} ${show(d.object)}`);
}

/** Something with the FIFO pop surface. */
export interface Poppable {
  pop(process: (deltas: Delta[], isInInitialList: boolean) => void): Delta[] | undefined;
}

/** Pops once; returns the rendered deltas (undefined when empty). */
export function popShown(fifo: Poppable): string[] | undefined {
  return showDeltas(fifo.pop(() => {}));
}

/** Pops until empty, rendering every pop. */
export function drain(fifo: Poppable): string[][] {
  const out: string[][] = [];
  for (;;) {
    const popped = fifo.pop(() => {});
    if (popped === undefined) return out;
    out.push(showDeltas(popped) as string[]);
  }
}

/** The newest object's resourceVersion of one popped Deltas list. */
export function newestRv(deltas: readonly Delta[] | undefined): string | undefined {
  if (deltas === undefined || deltas.length === 0) return undefined;
  return (deltas[deltas.length - 1]!.object as TestObj).metadata.resourceVersion;
}
