/** src/cache — public exports of this area, re-exported by src/index.ts. */
export * from "./types.js";
