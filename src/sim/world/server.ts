/**
 * The server slice of the world: objects, revision, open watches, requests in flight, faults.
 *
 * Contract: `reduceServer(w, e)` folds one server or fault event into `w.server` (mutating it); an
 * exhaustive switch ending in `never`, so a new server kind fails the build here.
 */
import type { KnownTraceEvent } from "../trace.js";
import type { WorldView } from "./world.js";

export type ServerEvent = Extract<KnownTraceEvent, { component: "server" | "fault" }>;

export function reduceServer(w: WorldView, event: ServerEvent): void {
  switch (event.kind) {
    case "server.request": {
      w.server.pending.set(event.requestId, {
        requestId: event.requestId, verb: event.verb, resource: event.resource,
        ...(event.client === undefined ? {} : { client: event.client }),
      });
      break;
    }
    case "server.response": {
      w.server.pending.delete(event.requestId);
      break;
    }
    case "server.write": {
      const id = `${event.resource}|${event.key}`;
      if (event.type === "DELETED") {
        w.server.objects.delete(id);
      } else {
        const meta = event.object.metadata;
        w.server.objects.set(id, {
          resource: event.resource, key: event.key, rv: event.resourceVersion, object: event.object,
          deleting: meta.deletionTimestamp !== undefined && meta.deletionTimestamp !== null,
        });
      }
      w.server.resourceVersion = event.resourceVersion;
      break;
    }
    case "server.watch.opened": {
      w.server.watches.set(event.watchId, {
        watchId: event.watchId, resource: event.resource, resourceVersion: event.resourceVersion,
        ...(event.client === undefined ? {} : { client: event.client }),
      });
      break;
    }
    case "server.watch.event": {
      const watch = w.server.watches.get(event.watchId);
      if (watch !== undefined && event.type !== "ERROR") {
        w.server.watches.set(event.watchId, { ...watch, resourceVersion: event.resourceVersion });
      }
      break;
    }
    case "server.watch.closed": {
      w.server.watches.delete(event.watchId);
      break;
    }
    case "server.compacted": {
      w.server.compactedRV = event.resourceVersion;
      break;
    }
    case "server.restarted": {
      w.server.restarts++;
      w.server.watches.clear();
      w.server.pending.clear();
      w.server.resourceVersion = event.resourceVersion;
      break;
    }
    case "fault.injected": {
      if (event.fault === "partition") {
        w.server.partitioned = true;
        w.server.partitionMode = event.detail === "timeout" ? "timeout" : "refused";
      }
      if (event.fault === "heal") {
        w.server.partitioned = false;
        w.server.partitionMode = null;
      }
      break;
    }
    default: {
      const unknown: never = event;
      throw new Error(`WorldView: unknown server kind ${(unknown as { kind: string }).kind}`);
    }
  }
}
