/**
 * Ambient AbortSignal / AbortController for src/ — API.md uses `stop: AbortSignal` (Go's stopCh), but
 * src/tsconfig.json has lib ES2022 only (no DOM). Node, browsers and Web Workers all provide these at run
 * time. Only src/tsconfig.json includes this file; site/ and test/ get the real declarations from the DOM
 * lib / @types/node. Kept to a subset of the DOM declarations (same member types) so they merge if both
 * are ever seen together.
 */
interface AbortSignal {
  readonly aborted: boolean;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}
interface AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}
declare var AbortController: { prototype: AbortController; new (): AbortController };
