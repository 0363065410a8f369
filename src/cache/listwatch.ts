/**
 * ListerWatcher (client-go tools/cache listwatch.go): what a Reflector consumes — a way to list a
 * resource and to open a watch on it.
 *
 * Contract:
 * - `list(options, done)` answers through `done(error, list)` from a scheduled task, never synchronously.
 * - `watch(options, sink)` opens a stream: events reach `sink.onEvent` in resourceVersion order, then one
 *   `sink.onClose(error?)` when the stream ends (a failure to start is reported the same way). After
 *   `Watch.stop()` nothing more reaches the sink, not even onClose.
 */
import type { ApiError } from "../apimachinery/errors.js";
import type { KubeList, ListOptions, WatchEvent, WatchOptions } from "../apimachinery/meta.js";

export interface WatchSink<T> {
  onEvent(event: WatchEvent<T>): void;
  onClose(error?: ApiError): void;
}
export interface Watch {
  stop(): void;
}
export interface ListerWatcher<T> {
  list(options: ListOptions, done: (error: ApiError | undefined, list?: KubeList<T>) => void): void;
  /** A failure to start is reported as sink.onClose(error). */
  watch(options: WatchOptions, sink: WatchSink<T>): Watch;
}
