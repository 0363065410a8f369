/** src/apiserver — public exports of this area, re-exported by src/index.ts. */
export * from "./types.js";
export * from "./errors.js";
