/**
 * Test hooks: handles that browser tests and `npm run bench` drive directly (e.g. `window.__stage` to
 * seek the stage). They are installed only when the page was opened by such a harness, which sets
 * `window.__ipHooks = true` before the app starts (an init script) or adds `?hooks=1` to the address;
 * a learner's page has no such globals (issue 15 step 3).
 * `bootGate()`: a harness may set `window.__bootGate` to a promise; a lesson view then stays in its
 * booting state (Run disabled, the log saying the lesson is loading) until it settles, so a test can look
 * at that moment. Without hooks it is always undefined.
 */
export function hooksEnabled(): boolean {
  const w = window as unknown as { __ipHooks?: unknown };
  return w.__ipHooks === true || new URLSearchParams(location.search).has("hooks");
}

export function exposeForTests(name: `__${string}`, value: unknown): void {
  if (hooksEnabled()) (window as unknown as Record<string, unknown>)[name] = value;
}

export function bootGate(): Promise<unknown> | undefined {
  if (!hooksEnabled()) return undefined;
  const gate = (window as unknown as { __bootGate?: unknown }).__bootGate;
  return gate instanceof Promise ? gate : undefined;
}
