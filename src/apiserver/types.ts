/**
 * The wire contract between the simulated API server and its clients (API.md "Simulated API server"):
 * list/watch options, lists, watch events and the ListerWatcher a Reflector consumes.
 * Replies through a ListerWatcher always arrive from scheduled tasks, never synchronously.
 */
import type { KubeObject } from "../types.js";
import type { ApiError, Status } from "./errors.js";

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  resourceVersionMatch?: "NotOlderThan" | "Exact";
  limit?: number;
  continue?: string;
}
export interface WatchOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  resourceVersionMatch?: "NotOlderThan";
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
  timeoutSeconds?: number;
}
export interface KubeList<T> {
  apiVersion: string;
  kind: string;
  items: T[];
  metadata: { resourceVersion: string; continue?: string };
}
export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";
export interface WatchEvent<T> {
  type: WatchEventType;
  object: T | Status;
}
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
