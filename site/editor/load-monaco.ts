/**
 * The only door to Monaco: a lazy import() behind one `ready` promise (as learn.svelte.dev's adapter
 * does). The first screen never waits for it; the shell starts it as soon as a lesson is opened.
 */
export type MonacoModule = typeof import("./monaco-setup");

let ready: Promise<MonacoModule> | undefined;

export function loadMonaco(): Promise<MonacoModule> {
  ready ??= import("./monaco-setup");
  ready.catch(() => {
    ready = undefined;
  });
  return ready;
}
