/**
 * The wire vocabulary of list and watch (k8s.io/apimachinery/pkg/apis/meta/v1 and pkg/watch): the
 * options a client sends, the list it gets back and the events of a watch stream. Shared by the
 * simulated server (src/apiserver) and its clients (src/cache, src/informers, src/scenario).
 *
 * Contract: plain data only; nothing here knows who serves or consumes it. `WatchEvent.object` is a
 * `Status` for ERROR events and the object otherwise (a BOOKMARK's object carries only metadata).
 */
import type { Status } from "./errors.js";

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
  /** `remainingItemCount`: on a page with a continue token and no selector, how many items are left. */
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
}
export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";
export interface WatchEvent<T> {
  type: WatchEventType;
  object: T | Status;
}
