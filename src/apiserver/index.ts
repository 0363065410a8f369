/** src/apiserver — public exports of this area, re-exported by src/index.ts. */
export * from "./types.js";
export * from "./errors.js";
export { ApiServer } from "./api-server.js";
export type { ApiServerOptions, DeleteOptions, ListerWatcherOptions } from "./api-server.js";
export { RESOURCES, fieldGetter } from "./resources.js";
export type { ResourceInfo } from "./resources.js";
export { ResourceVersionCodec } from "./resource-version.js";
export type { ResourceVersionFormat } from "./resource-version.js";
export { isDeepFrozen } from "./frozen.js";
