/** src/apimachinery — the wire vocabulary (meta types, Status errors), re-exported by src/index.ts. */
export * from "./meta.js";
export * from "./errors.js";
