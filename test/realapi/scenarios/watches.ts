/**
 * Watch scenarios: event types in order, selector transitions (ADDED/DELETED on label change),
 * resourceVersion=0 and unset, bookmarks before a timeout, sendInitialEvents with its end bookmark,
 * Python's watch=True, a 410 inside a 200 stream, and Table watch events.
 */
import { configMap, del, get, patch, post, watch, MERGE_PATCH, TABLE_ACCEPT, type Scenario } from "../scenario.js";

const CM = "/api/v1/namespaces/{{ns}}/configmaps";

export const watches: Scenario = {
  name: "watches",
  title: "Watch streams: events, selectors, RV 0, bookmarks, sendInitialEvents, watch=True, Table events",
  steps: [
    get("list to get a starting RV", CM, { id: "L" }),
    watch("watch from the list RV while writing", `${CM}?watch=1&resourceVersion={{L.metadata.resourceVersion}}`, {
      stopAfter: 4, maxMs: 10_000,
      during: [
        post("create w1", CM, configMap("w1", { v: "1" })),
        patch("update w1", `${CM}/w1`, MERGE_PATCH, { data: { v: "2" } }),
        post("create w2", CM, configMap("w2", { v: "1" })),
        del("delete w1", `${CM}/w1`),
      ],
    }),
    get("list again", CM, { id: "L2" }),
    watch("watch team=a while relabelling", `${CM}?watch=1&labelSelector=team%3Da&resourceVersion={{L2.metadata.resourceVersion}}`, {
      stopAfter: 5, maxMs: 10_000,
      during: [
        post("create t1 team=a", CM, configMap("t1", {}, { team: "a" })),
        patch("relabel t1 team=b", `${CM}/t1`, MERGE_PATCH, { metadata: { labels: { team: "b" } } }),
        patch("relabel t1 team=a", `${CM}/t1`, MERGE_PATCH, { metadata: { labels: { team: "a" } } }),
        patch("change data while team=a", `${CM}/t1`, MERGE_PATCH, { data: { x: "1" } }),
        del("delete t1", `${CM}/t1`),
      ],
    }),
    watch("replay from the first list RV with watch=True (the Python client's spelling)", `${CM}?watch=True&resourceVersion={{L.metadata.resourceVersion}}`, { stopAfter: 9, maxMs: 5000 }),
    watch("resourceVersion=0: synthetic ADDED for what exists", `${CM}?watch=1&resourceVersion=0`, { stopAfter: 1, maxMs: 5000 }),
    watch("no resourceVersion: ADDED for what exists", `${CM}?watch=1`, { stopAfter: 1, maxMs: 5000 }),
    watch("fieldSelector metadata.name=w2 from RV 0", `${CM}?watch=1&fieldSelector=metadata.name%3Dw2&resourceVersion=0`, { stopAfter: 1, maxMs: 5000 }),
    // A BOOKMARK carries the resource's cache RV and must be newer than the cache RV the watch started
    // at (apiserver cacher/cache_watcher.go processInterval, process). Without a write the cache RV moves
    // only on an etcd progress notification (requested after consistent lists), so whether a quiet watch
    // gets its pre-timeout BOOKMARK is timing on the real server: not a step here.
    watch("bookmarks allowed, timeoutSeconds=4, a write the selector filters out: a BOOKMARK (how many before the close is timing)", `${CM}?watch=1&allowWatchBookmarks=true&timeoutSeconds=4&resourceVersion={{L2.metadata.resourceVersion}}&labelSelector=none%3Dnone`, {
      stopAfter: 1, maxMs: 10_000,
      during: [post("create b1 (not selected)", CM, configMap("b1"))],
    }),
    watch("sendInitialEvents: ADDED then the initial-events-end BOOKMARK", `${CM}?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`, { stopAfter: 3, maxMs: 8000 }),
    watch("sendInitialEvents without allowWatchBookmarks (accepted)", `${CM}?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan`, { stopAfter: 3, maxMs: 5000 }),
    watch("sendInitialEvents without resourceVersionMatch: 422", `${CM}?watch=1&sendInitialEvents=true&allowWatchBookmarks=true`, { maxMs: 5000 }),
    watch("a Table watch from RV 0", `${CM}?watch=1&resourceVersion=0`, { accept: TABLE_ACCEPT, stopAfter: 1, maxMs: 5000 }),
    watch("timeoutSeconds=1 with nothing happening: closed", `${CM}?watch=1&timeoutSeconds=1&resourceVersion={{L2.metadata.resourceVersion}}&labelSelector=none%3Dnone`, { maxMs: 8000 }),
    watch("an invalid timeoutSeconds: 400", `${CM}?watch=1&timeoutSeconds=abc`, { maxMs: 5000 }),
    watch("a watch on one object by name (fieldSelector) through the single-object path", `${CM}?watch=1&fieldSelector=metadata.name%3Dw2`, { stopAfter: 1, maxMs: 5000 }),
  ],
};
