/**
 * The storage layer (apiserver's `storage/etcd3/store.go` over etcd's MVCC): one global revision shared
 * by every resource, and per resource every version of every key.
 *
 * Contract:
 * - One global revision (the etcd revision). `bump()` advances it and returns it encoded as the
 *   resourceVersion the caller stamps into the object it then `commit`s; every commit records one MVCC
 *   version, traces `server.write` and hands one StoreEvent to the watch layer (`onCommit`).
 * - MVCC: every version of every key is kept (no automatic compaction) until `compact()`, so Exact lists
 *   and continue tokens are served from a snapshot (`at(key, rev)`); `compact()` drops versions older than
 *   the current revision (keeping the newest at or before it) and raises `compactRev`.
 * - `store(resource)` throws 404 for a resource this server does not serve.
 * - RVs are strings (decimal by default, opaque or starting above 2^53 on request: resource-version.ts);
 *   `decodeRv` throws 400 for a string this server never issued.
 */
import { badRequest, noSuchResource } from "./status.js";
import type { ResourceInfo } from "./resources.js";
import type { ResourceVersionCodec } from "./resource-version.js";
import type { StoreEvent } from "./watch-cache.js";
import type { TraceFn } from "../sim/trace.js";
import type { KubeObject } from "../types.js";

interface Version { rev: number; obj: KubeObject | null }

/** One resource's MVCC storage: current objects and the history of every key. */
export class ResourceStore {
  readonly objects: Map<string, KubeObject> = new Map();
  readonly versions: Map<string, Version[]> = new Map();
  private sorted: string[] | undefined = [];
  private sortedLive: string[] | undefined = [];

  constructor(readonly info: ResourceInfo) {}

  /** Keys sorted in etcd key order: every key with history (`all`), or only the live ones. */
  sortedKeys(all: boolean): string[] {
    if (all) {
      if (this.sorted === undefined) this.sorted = [...this.versions.keys()].sort();
      return this.sorted;
    }
    if (this.sortedLive === undefined) this.sortedLive = [...this.objects.keys()].sort();
    return this.sortedLive;
  }

  record(key: string, rev: number, obj: KubeObject | null): void {
    const vs = this.versions.get(key);
    if (vs === undefined) {
      this.versions.set(key, [{ rev, obj }]);
      this.sorted = undefined;
    } else {
      vs.push({ rev, obj });
    }
    if (obj === null) {
      this.objects.delete(key);
      this.sortedLive = undefined;
    } else {
      if (!this.objects.has(key)) this.sortedLive = undefined;
      this.objects.set(key, obj);
    }
  }

  /** The object at revision `rev` (undefined if absent then). */
  at(key: string, rev: number): KubeObject | undefined {
    const vs = this.versions.get(key);
    if (vs === undefined) return undefined;
    for (let i = vs.length - 1; i >= 0; i--) {
      const v = vs[i]!;
      if (v.rev <= rev) return v.obj ?? undefined;
    }
    return undefined;
  }

  /** Drops versions older than `rev`, keeping the newest version at or before it (etcd compaction). */
  compact(rev: number): void {
    for (const [key, vs] of this.versions) {
      let keep = 0;
      for (let i = vs.length - 1; i >= 0; i--) {
        if (vs[i]!.rev <= rev) { keep = i; break; }
      }
      if (keep > 0) vs.splice(0, keep);
      if (vs.length === 1 && vs[0]!.obj === null) {
        this.versions.delete(key);
        this.sorted = undefined;
      }
    }
  }
}

/** Every resource's store behind the one global revision. */
export class Storage {
  /** The current revision (the last committed write). */
  rev = 0;
  /** Versions older than this were compacted away. */
  compactRev = 0;
  private readonly stores = new Map<string, ResourceStore>();

  constructor(
    resources: readonly ResourceInfo[],
    readonly codec: ResourceVersionCodec,
    private readonly trace: TraceFn | undefined,
    private readonly onCommit: (resource: string, event: StoreEvent) => void,
  ) {
    for (const info of resources) this.stores.set(info.resource, new ResourceStore(info));
  }

  /** Resources served (plural names). */
  resources(): string[] {
    return [...this.stores.keys()];
  }

  store(resource: string): ResourceStore {
    const s = this.stores.get(resource);
    if (s === undefined) throw noSuchResource(`resource "${resource}"`);
    return s;
  }

  /** The current revision as clients see it. */
  current(): string {
    return this.codec.encode(this.rev);
  }

  decodeRv(rv: string): number {
    const n = this.codec.decode(rv);
    if (n === undefined) throw badRequest(`resourceVersion: Invalid value: "${rv}": must be a resource version this server issued`);
    return n;
  }

  /** The next revision, as a string (the caller stamps it and commits). */
  bump(): string {
    this.rev++;
    return this.codec.encode(this.rev);
  }

  /** Commits one change at the current revision (already stamped into `obj`): MVCC, trace, watch fan-out. */
  commit(store: ResourceStore, type: StoreEvent["type"], key: string, obj: KubeObject, prev: KubeObject | undefined): void {
    const rev = this.rev;
    store.record(key, rev, type === "DELETED" ? null : obj);
    this.trace?.({
      component: "server", kind: "server.write", resource: store.info.resource, key, type,
      resourceVersion: obj.metadata.resourceVersion!, object: obj,
    });
    this.onCommit(store.info.resource, { rev, type, key, object: obj, prev });
  }

  /** etcd compaction at the current revision. */
  compact(): void {
    this.compactRev = this.rev;
    for (const s of this.stores.values()) s.compact(this.rev);
  }
}
