/** src/cache — public exports of this area, re-exported by src/index.ts. */
export * from "./types.js";
export * from "./keys.js";
export * from "./deleted-final-state-unknown.js";
export * from "./deltas.js";
export * from "./queue.js";
export * from "./thread-safe-store.js";
export * from "./store.js";
export * from "./delta-fifo.js";
export * from "./real-fifo.js";
export * from "./backoff.js";
export * from "./reflector.js";
export * from "./resource-event-handler.js";
export * from "./filtering-resource-event-handler.js";
export * from "./processor-listener.js";
export * from "./shared-processor.js";
export * from "./shared-informer.js";
export * from "./wait-for-cache-sync.js";
