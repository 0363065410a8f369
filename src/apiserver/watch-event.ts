/**
 * The events one watch hands out (apiserver/pkg/storage/cacher cache_watcher.go `convertToWatchEvent`):
 * the shared frozen envelope of a committed event, the previous state re-stamped for a selector exit,
 * and the `server.watch.event` trace line of a delivered event.
 *
 * Contract: every envelope and re-stamped object is built once per committed event (on first need) and
 * shared, deep-frozen, by every watcher that hands it out.
 */
import type { KnownTraceInput } from "../sim/trace.js";
import type { KubeObject } from "../types.js";
import { freezeShallow } from "./frozen.js";
import type { WatchEvent } from "../apimachinery/meta.js";
import type { StoreEvent } from "./watch-cache.js";

/** The event as committed, one frozen envelope shared by every watcher that sees it unconverted. */
export function envelope(e: StoreEvent): WatchEvent<KubeObject> {
  if (e.envelope === undefined) e.envelope = Object.freeze({ type: e.type, object: e.object });
  return e.envelope;
}

export function prevAtRev(e: StoreEvent): KubeObject {
  if (e.prevAtRev === undefined) {
    const prev = e.prev!;
    e.prevAtRev = freezeShallow({
      ...prev, metadata: freezeShallow({ ...prev.metadata, resourceVersion: e.object.metadata.resourceVersion }),
    });
  }
  return e.prevAtRev;
}

/** The `server.watch.event` of one delivered event. */
export function watchEventTrace(watchId: number, resource: string, event: WatchEvent<KubeObject>,
                         key: string | undefined, rv: string): KnownTraceInput {
  if (event.type === "ERROR") {
    const st = event.object as { code?: number; reason?: string };
    return {
      component: "server", kind: "server.watch.event", watchId, resource, type: "ERROR", resourceVersion: rv,
      ...(st.code !== undefined ? { code: st.code } : {}), ...(st.reason !== undefined ? { reason: st.reason } : {}),
    };
  }
  if (event.type === "BOOKMARK") {
    const obj = event.object as KubeObject;
    const end = obj.metadata.annotations?.["k8s.io/initial-events-end"] === "true";
    return {
      component: "server", kind: "server.watch.event", watchId, resource, type: "BOOKMARK", resourceVersion: rv,
      ...(end ? { initialEventsEnd: true } : {}),
    };
  }
  return {
    component: "server", kind: "server.watch.event", watchId, resource, type: event.type, resourceVersion: rv,
    ...(key !== undefined ? { key } : {}),
  };
}
