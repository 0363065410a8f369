/** src/informers — public exports of this area, re-exported by src/index.ts. */
export * from "./lister.js";
export * from "./generic-informer.js";
export * from "./shared-informer-factory.js";
