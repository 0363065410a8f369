/**
 * The server slice of the world: objects, revision, open watches, requests in flight, faults.
 *
 * Contract: `reduceServer(w, e)` folds one server or fault event into `w.server` (mutating it); an
 * exhaustive switch ending in `never`, so a new server kind fails the build here. A request, reply, watch
 * or watch event of a known informer's reflector (client "reflector:<informer>") moves the focus to that
 * informer, so with several informers the stage shows the one whose traffic this is.
 */
import { informerOfClient, type KnownTraceEvent } from "../trace.js";
import type { WorldView } from "./world.js";

/** Moves the focus to the informer whose reflector `client` is, if the world knows it. */
function focusClient(w: WorldView, client: string | undefined): void {
  const name = informerOfClient(client);
  if (name !== undefined && w.informers.has(name)) w.focus = name;
}

export type ServerEvent = Extract<KnownTraceEvent, { component: "server" | "fault" }>;

export function reduceServer(w: WorldView, event: ServerEvent): void {
  switch (event.kind) {
    case "server.request": {
      focusClient(w, event.client);
      w.server.seen.requests++;
      if (event.remote === true) w.server.remote = true;
      w.server.pending.set(event.requestId, {
        requestId: event.requestId, verb: event.verb, resource: event.resource,
        ...(event.client === undefined ? {} : { client: event.client }),
      });
      break;
    }
    case "server.response": {
      focusClient(w, w.server.pending.get(event.requestId)?.client);
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
      focusClient(w, event.client);
      w.server.seen.watches++;
      if (event.remote === true) w.server.remote = true;
      w.server.watches.set(event.watchId, {
        watchId: event.watchId, resource: event.resource, resourceVersion: event.resourceVersion,
        ...(event.client === undefined ? {} : { client: event.client }),
      });
      break;
    }
    case "server.watch.event": {
      const watch = w.server.watches.get(event.watchId);
      focusClient(w, watch?.client);
      w.server.seen.events++;
      if (event.type !== "ERROR") w.server.seen.lastEventRV = event.resourceVersion;
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
