/**
 * WatchStream — one watch the Reflector opened, as the Reflector sees it (the per-watch state of
 * client-go reflector.go `handleAnyWatch`: its event count and start time, and for a watch-list
 * stream the temporary store of its initial events).
 *
 * Contract:
 * - It is the WatchSink handed to `ListerWatcher.watch`: each event and the close go to its owner
 *   together with the stream itself, so the owner can ignore a stream it no longer follows.
 * - `epoch`: the ListAndWatch it belongs to. `events`: events the owner accepted; `seenNonAdded`: a non-ADDED event was seen; `syntheticStart`:
 *   started at RV "" or "0" (its ADDED events do not advance the last RV); `startedAt`: virtual start
 *   time; `temp`: the watch-list initial phase's store (undefined for a plain watch or once it ended).
 */
import type { ApiError } from "../apimachinery/errors.js";
import type { WatchEvent } from "../apimachinery/meta.js";
import type { WatchSink } from "./listwatch.js";

/** Who receives a stream's events: the watch half of the Reflector. */
export interface WatchStreamOwner {
  onWatchEvent(stream: WatchStream, event: WatchEvent<unknown>): void;
  onWatchClose(stream: WatchStream, error?: ApiError): void;
}

export class WatchStream implements WatchSink<unknown> {
  events = 0;
  seenNonAdded = false;
  readonly startedAt: number;
  /** Watch-list initial phase: events go to `temp`, not to the store. */
  temp: Map<string, unknown> | undefined;

  constructor(
    private readonly owner: WatchStreamOwner,
    readonly epoch: number,
    /** Started at RV "" or "0": synthetic ADDED events do not advance the last RV. */
    public syntheticStart: boolean,
    initial: boolean,
    now: number,
  ) {
    this.startedAt = now;
    this.temp = initial ? new Map() : undefined;
  }

  onEvent(event: WatchEvent<unknown>): void {
    this.owner.onWatchEvent(this, event);
  }

  onClose(error?: ApiError): void {
    this.owner.onWatchClose(this, error);
  }
}
