/**
 * The Content-Security-Policy, in one place (issue 14).
 *
 * - PAGE_CSP is the policy of index.html's <meta http-equiv> (test/unit/site/csp.test.ts keeps them equal).
 *   It reaches the page and, by inheritance, the run worker (started from a blob: URL) and its children.
 *   `script-src blob:` stays because the run worker imports the learner's module from a blob: URL and a
 *   blob: worker has exactly its creator's policy; the page itself has no HTML sink that runs script.
 * - HEADER_CSP is PAGE_CSP plus what only a response header can carry: `frame-ancestors 'none'` (nobody
 *   may frame the app). `npm start`/`npm run preview` send it on every response (tools/vite-plugin-csp.ts);
 *   any server of the built app should (README, "Hosting"). A worker loaded from a network URL takes
 *   its policy from its own response, so with the header even a bundled script started as a worker
 *   directly would have no network.
 */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self' blob:; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-src 'none'";

export const HEADER_CSP = `${PAGE_CSP}; frame-ancestors 'none'`;

/** Every header the app's own servers send with each response. */
export const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": HEADER_CSP,
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};
