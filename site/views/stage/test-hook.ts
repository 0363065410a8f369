/**
 * The stage's test hook. Browser tests and `npm run bench` drive the stage through its handle
 * (`seek(step)`), but production code sets no global: the stage registers itself only when the page
 * asked for hooks — the e2e harness (and bench/ui.mjs) defines `window.__ipHooks = {}` before the app
 * loads, or the URL carries `?hooks=1`. The latest stage mounted is `__ipHooks.stage`; destroying it
 * clears the slot.
 */
export interface TestHooks {
  stage?: unknown;
}

function hooks(): TestHooks | undefined {
  if (typeof window === "undefined") return undefined;
  const w = window as unknown as { __ipHooks?: TestHooks };
  if (w.__ipHooks === undefined && new URLSearchParams(window.location.search).get("hooks") === "1") w.__ipHooks = {};
  return typeof w.__ipHooks === "object" && w.__ipHooks !== null ? w.__ipHooks : undefined;
}

/** Registers `handle` as the page's stage when hooks are on; returns the function that unregisters it. */
export function exposeStage(handle: object): () => void {
  const h = hooks();
  if (h === undefined) return () => undefined;
  h.stage = handle;
  return () => {
    if (h.stage === handle) delete h.stage;
  };
}
