/**
 * The lesson view's lazy chunk: everything that only a lesson or #/sandbox needs — the lesson view (and with
 * it xstate, the editor pane, the goals and predict views), the Runner that talks to the run worker, and the
 * share-link codec (lz-string). The lesson map, the first screen, never imports this statically; app.ts
 * loads it once (when the map is idle, on hover or focus of a lesson link, or when a lesson opens).
 */
export { LessonView } from "./lesson-view";
export { Runner } from "../runner/runner";
export { decodeShare } from "../storage/share";
