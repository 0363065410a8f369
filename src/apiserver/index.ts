/**
 * src/apiserver — public exports of the simulated server, re-exported by src/index.ts. The wire
 * vocabulary it speaks lives in src/apimachinery, the ListerWatcher contract in src/cache/listwatch.ts.
 */
export { ApiServer } from "./api-server.js";
export type { ApiServerOptions, Binding, DeleteOptions, ListerWatcherOptions, PartitionMode, PatchOptions, Scale, WriteOptions } from "./api-server.js";
export { RESOURCES, fieldGetter } from "./resources.js";
export type { ResourceInfo } from "./resources.js";
export { ResourceVersionCodec } from "./resource-version.js";
export type { ResourceVersionFormat } from "./resource-version.js";
export { isDeepFrozen } from "./frozen.js";
