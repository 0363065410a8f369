// Learner handler code in live mode, in Chromium: `npm run live -- --embedded --allow-writes`, kubectl
// driven from the test. After Follow, Apply attaches the code (opt-in); it runs in the sandboxed live worker; what the page shows is asserted:
// the learner's addFunc line after `kubectl run`, a write outside the namespace refused by the page
// with its reason (and never reaching the cluster), a write inside it done, an endless loop stopping
// the worker while the stage keeps following, and the code surviving a reload.
// Screenshots in test-results/screenshots/live-code-*.png.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findKubectl, run } from "../wire/harness.js";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { byTestId, openApp, setCode as setEditorCode, type AppSession } from "./harness.js";

interface Live { proc: ChildProcess; url: string; cluster: string }

function startLive(args: string[]): Promise<Live> {
  const proc = spawn(process.execPath, ["server/live/run.mjs", "--embedded", "--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const out: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run live did not print its URL:\n${out.join("")}`)), 90_000);
    const onData = (b: Buffer) => {
      out.push(b.toString());
      const all = out.join("");
      const url = /Open (http:\/\/127\.0\.0\.1:\d+)\/#\/live/.exec(all)?.[1];
      const cluster = /context playground-embedded → (http:\/\/127\.0\.0\.1:\d+)/.exec(all)?.[1];
      if (url !== undefined && cluster !== undefined) { clearTimeout(timer); resolve({ proc, url, cluster }); }
    };
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", onData);
    proc.on("exit", (code) => { clearTimeout(timer); reject(new Error(`npm run live exited ${code}:\n${out.join("")}`)); });
  });
}

const kubectl = findKubectl();
const skipReason = kubectl === undefined ? "no kubectl found (tried the gcloud SDK's kubectl.1.32/1.33 and kubectl on PATH)" : undefined;
if (skipReason !== undefined) console.warn(`live-code e2e SKIPPED: ${skipReason}`);

/** The learner's code: logs adds, writes a ConfigMap inside and outside the namespace for pod "writer", spins for pod "spin". */
const CODE = `import type { Clientset, ConfigMap, Pod, ResourceEventHandlerFuncs } from "playground";
interface Live { log(...values: unknown[]): void; clientset: Clientset; resource: string; namespace: string }

export default function handlers({ log, clientset }: Live): ResourceEventHandlerFuncs<Pod> {
  return {
    addFunc: (pod, initial) => {
      const name = pod.metadata.name;
      if (name === "spin") for (;;) { /* an endless loop */ }
      log(\`mine: added \${name}\${initial ? " (initial)" : ""}\`);
      if (name === "writer") {
        const cm = (ns: string): ConfigMap => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "from-handler", namespace: ns }, data: { by: "addFunc" } });
        clientset.coreV1().configMaps("kube-system").create(cm("kube-system"))
          .then(() => log("outside: created"), (e: Error) => log(\`outside: \${e.message}\`));
        clientset.coreV1().configMaps("default").create(cm("default"))
          .then((c) => log(\`inside: created \${c.metadata.name}\`), (e: Error) => log(\`inside: \${e.message}\`));
      }
    },
  };
}
`;

/**
 * A slow handler (busy for ~50 ms per event, as in lesson 11) whose updates also read through the clientset: its
 * backlog must wait in the listener's buffer on the stage, and its lines (handler, log, request) reach the editor.
 */
const SLOW = `import type { Clientset, Pod, ResourceEventHandlerFuncs } from "playground";
interface Live { log(...values: unknown[]): void; clientset: Clientset; resource: string; namespace: string }

function busy(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) { /* a slow handler */ }
}

export default function handlers({ log, clientset }: Live): ResourceEventHandlerFuncs<Pod> {
  return {
    addFunc: (pod, initial) => {
      if (initial) return;
      busy(50);
      log(\`slow: added \${pod.metadata.name}\`);
    },
    updateFunc: (_old, pod) => {
      if (pod.metadata.labels?.["tier"] !== "checked") return;
      clientset.coreV1().pods(pod.metadata.namespace).get(pod.metadata.name);
    },
  };
}
`;
const lineOf = (code: string, text: string): number => code.split("\n").findIndex((l) => l.includes(text)) + 1;
const BURST = 30;

describe.skipIf(skipReason !== undefined)(`live mode runs the learner's handler code${skipReason !== undefined ? ` (skipped: ${skipReason})` : ""}`, () => {
  let live: Live;
  let app: AppSession;
  beforeAll(async () => { live = await startLive(["--allow-writes"]); }, 120_000);
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    live?.proc.removeAllListeners("exit");
    live?.proc.kill("SIGTERM");
  });

  const k = async (...args: string[]) => {
    if (kubectl === undefined) throw new Error("unreachable: the suite is skipped without kubectl");
    return run(kubectl.bin, ["-s", live.cluster, ...args]);
  };
  const kOk = async (...args: string[]) => {
    const r = await k(...args);
    expect(r.code, `kubectl ${args.join(" ")}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };

  it("attaches the code to the running informer, shows its log, checks its writes, survives an endless loop and a reload", async () => {
    app = await openApp({ path: `${live.url}/#/live`, viewport: { width: 1600, height: 1000 } });
    const { page } = app;
    const logText = () => page.locator('[data-testid="live-code"] [data-testid="log"]').innerText();
    const state = () => byTestId(page, "live-code-status").getAttribute("data-state");
    const storeKeys = () => page.locator('[data-testid="store-row"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-key")));
    const setCode = (code: string) => page.evaluate((c) => {
      const m = (window as unknown as { monaco: { editor: { getModels(): Array<{ uri: { path: string }; setValue(v: string): void }> } } }).monaco;
      m.editor.getModels().find((x) => x.uri.path === "/main.ts")!.setValue(c);
    }, code);

    await expect.poll(() => byTestId(page, "live-server-version").innerText(), { timeout: 30_000 }).toMatch(/^v1\.\d+/);
    expect(await byTestId(page, "live-access").innerText()).toMatch(/writes allowed in default/);
    await byTestId(page, "live-start").click();

    // Apply: the running informer replays its cache to the starter's handlers as initial adds.
    await expect.poll(state, { timeout: 20_000 }).toBe("idle");
    await byTestId(page, "live-apply").click();
    await expect.poll(state, { timeout: 60_000 }).toBe("attached");
    expect(await byTestId(page, "live-code-status").innerText()).toMatch(/Attached to the running informer: pods \(addFunc, updateFunc, deleteFunc\)/);
    await expect.poll(logText, { timeout: 20_000 }).toMatch(/added pods web-1 \(initial list\)/);
    // The server box is honest about the cluster being remote: what the client saw, RVs quoted.
    expect(await page.locator('[data-stage="apiserver"] text.title').first().textContent()).toBe("Remote cluster");
    expect(await page.locator('[data-stage="apiserver"] text.sub').first().textContent()).toMatch(/^\d+ req · \d+ ev$/);

    // The learner's own code, applied: re-attached (no new list), kubectl run → its addFunc line.
    const lists = () => page.locator('[data-testid="live-highlights"] li[data-kind="relist"]').count();
    const listsBefore = await lists();
    await setCode(CODE);
    await byTestId(page, "live-apply").click();
    await expect.poll(logText, { timeout: 20_000 }).toMatch(/mine: added web-1 \(initial\)/);
    await kOk("-n", "default", "run", "demo-live", "--image=nginx");
    await expect.poll(logText, { timeout: 20_000 }).toMatch(/mine: added demo-live$/m);
    await expect.poll(() => page.locator(".server-facts span").first().innerText(), { timeout: 20_000 }).toMatch(/^Remote cluster: last event RV "\d+"$/);
    expect(await lists()).toBe(listsBefore);
    await app.screenshot("live-code-log");

    // Writes: outside the namespace refused by the page with the reason, inside it created.
    await kOk("-n", "default", "run", "writer", "--image=nginx");
    await expect.poll(logText, { timeout: 20_000 }).toMatch(/outside: POST \/api\/v1\/namespaces\/kube-system\/configmaps was refused by the page and not sent: writes are limited to namespace "default"/);
    await expect.poll(logText, { timeout: 20_000 }).toMatch(/inside: created from-handler/);
    expect((await kOk("-n", "default", "get", "configmap", "from-handler", "-o", "name")).trim()).toBe("configmap/from-handler");
    const outside = await k("-n", "kube-system", "get", "configmap", "from-handler");
    expect(outside.code).not.toBe(0);
    expect(outside.stderr).toMatch(/NotFound|not found/);
    await app.screenshot("live-code-writes");

    // An endless loop in a handler: the worker is stopped, the tab and the stage go on.
    await kOk("-n", "default", "run", "spin", "--image=nginx");
    await expect.poll(state, { timeout: 20_000 }).toBe("killed");
    expect(await byTestId(page, "live-code-status").innerText()).toMatch(/did not return within 2 s .*worker was stopped/);
    expect(await page.evaluate(() => 6 * 7)).toBe(42);
    await kOk("-n", "default", "run", "after-spin", "--image=nginx");
    await expect.poll(storeKeys, { timeout: 20_000 }).toContain("default/after-spin");
    await app.screenshot("live-code-killed");

    // The code survives a reload (draft storage).
    await page.reload();
    await expect.poll(() => byTestId(page, "live-server-version").innerText(), { timeout: 30_000 }).toMatch(/^v1\.\d+/);
    await byTestId(page, "live-start").click();
    await expect.poll(() => page.evaluate(() => {
      const m = (window as unknown as { monaco?: { editor: { getModels(): Array<{ uri: { path: string }; getValue(): string }> } } }).monaco;
      return m?.editor.getModels().find((x) => x.uri.path === "/main.ts")?.getValue() ?? "";
    }), { timeout: 30_000 }).toContain('if (name === "spin") for (;;)');
    await byTestId(page, "live-stop").click();
  });

  it("keeps a slow handler's backlog in the listener buffer on the stage, and marks the lines of your code's steps", async () => {
    const slow = await openApp({ path: `${live.url}/#/live`, viewport: { width: 1600, height: 1000 } });
    try {
      const { page } = slow;
      const state = () => byTestId(page, "live-code-status").getAttribute("data-state");
      const marked = async () => Number(await byTestId(page, "live-code-editor").getAttribute("data-step-line"));
      await expect.poll(() => byTestId(page, "live-server-version").innerText(), { timeout: 30_000 }).toMatch(/^v1\.\d+/);
      await byTestId(page, "live-start").click();
      await expect.poll(state, { timeout: 20_000 }).toBe("idle");
      await setEditorCode(page, SLOW);
      // Every status the line shows from Apply on: while the informer replays its cache to the slow handler
      // (~50 ms an add), it says so and how far ("replaying", n of N), then "attached" once all are answered.
      await page.evaluate(() => {
        const el = document.querySelector('[data-testid="live-code-status"]')!;
        const w = window as unknown as { __states: string[] };
        w.__states = [];
        new MutationObserver(() => w.__states.push(`${el.getAttribute("data-state")}|${el.textContent ?? ""}`)).observe(el, { attributes: true, childList: true, characterData: true, subtree: true });
      });
      await byTestId(page, "live-apply").click();
      await expect.poll(state, { timeout: 60_000 }).toBe("attached");
      const states = await page.evaluate(() => [...new Set((window as unknown as { __states: string[] }).__states)]);
      const replaying = states.filter((x) => x.startsWith("replaying|"));
      expect(replaying[0]).toMatch(/replaying its cache to your handlers, one add at a time \(initial list\): 0 of \d+\.$/);
      expect(states.at(-1)).toMatch(/^attached\|Attached to the running informer: pods \(addFunc, updateFunc\)\.$/);
      expect(states.indexOf(replaying[0]!)).toBeLessThan(states.length - 1);

      // A burst of BURST pods in one kubectl call: the informer takes them in at once, the handler at ~50 ms each.
      const manifest = { apiVersion: "v1", kind: "List", items: Array.from({ length: BURST }, (_, i) => ({
        apiVersion: "v1", kind: "Pod", metadata: { name: `burst-${i}`, namespace: "default" }, spec: { containers: [{ name: "c", image: "nginx" }] } })) };
      const file = `${process.cwd()}/test-results/live-burst.json`;
      mkdirSync("test-results", { recursive: true });
      writeFileSync(file, JSON.stringify(manifest));
      const sample = () => page.evaluate(() => {
        const counts = [...document.querySelectorAll('[data-testid="listener-buffer"]')].map((e) => Number(e.getAttribute("data-count")));
        const keys = [...document.querySelectorAll('[data-testid="store-row"]')].map((e) => e.getAttribute("data-key"));
        return { buffer: Math.max(0, ...counts), keys };
      });
      const seen: number[] = [];
      await kOk("create", "--validate=false", "-f", file);
      // Growing: the backlog is in the listener's buffer while the informer has already cached the burst.
      await expect.poll(async () => {
        const s = await sample();
        seen.push(s.buffer);
        return s.buffer >= 10 && s.keys.includes(`default/burst-${BURST - 1}`);
      }, { timeout: 20_000, interval: 100 }).toBe(true);
      await slow.screenshot("live-code-backlog");
      // The editor scrolled to the marked line, and no sticky-scroll header is pinned over its top lines
      // (Monaco's default; in this narrow pane it covered them — it is off here).
      const top = await page.evaluate(() => ({
        scrolled: (window as unknown as { monaco: { editor: { getEditors(): Array<{ getScrollTop(): number }> } } }).monaco.editor.getEditors()
          .some((e) => e.getScrollTop() > 0),
        sticky: document.querySelectorAll('[data-testid="live-code-editor"] .sticky-line-content').length,
      }));
      expect(top).toEqual({ scrolled: true, sticky: 0 });
      // Draining: every add reached the handler, in order, and the buffer empties.
      await expect.poll(async () => { const s = await sample(); seen.push(s.buffer); return s.buffer; }, { timeout: 30_000, interval: 100 }).toBe(0);
      await expect.poll(() => page.locator('[data-testid="live-code"] [data-testid="log"]').innerText(), { timeout: 10_000 })
        .toMatch(new RegExp(`slow: added burst-${BURST - 1}$`, "m"));
      const peak = Math.max(...seen);
      console.info(`live-code e2e: a ${BURST}-pod burst, ~50 ms per add: listener buffer samples ${seen.join(",")} (peak ${peak})`);
      expect(peak).toBeGreaterThanOrEqual(10);
      expect(seen.slice(seen.indexOf(peak)).some((n) => n > 0 && n < peak), `buffer samples ${seen.join(",")}`).toBe(true);
      expect(await state()).toBe("attached");

      // Following: the newest step of your code marks its line — the log(...) call of the last add.
      await expect.poll(marked, { timeout: 10_000 }).toBe(lineOf(SLOW, "log(`slow: added"));
      // A label makes updateFunc read the pod through the clientset: the request's line is marked.
      await kOk("-n", "default", "label", "pod", "burst-0", "tier=checked");
      await expect.poll(marked, { timeout: 20_000 }).toBe(lineOf(SLOW, "clientset.coreV1().pods(pod.metadata.namespace).get"));
      await slow.screenshot("live-code-line");

      // The exported window: handler calls carry the handler's line, the log its call's, the request is the code's.
      const [download] = await Promise.all([page.waitForEvent("download"), byTestId(page, "live-export").click()]);
      const exported = readFileSync(await download.path(), "utf8");
      writeFileSync("test-results/live-code-export.trace.json", exported);
      const trace = (JSON.parse(exported) as { trace: Array<Record<string, unknown>> }).trace;
      const src = (e: Record<string, unknown>) => (e["src"] as { line?: number } | undefined)?.line;
      const initial = trace.filter((e) => e["kind"] === "handler.called" && e["listener"] === 1 && e["isInInitialList"] === true).map((e) => Number(e["time"]));
      if (initial.length > 1) console.info(`live-code e2e: ${initial.length} initial adds, one at the worker at a time, in ${initial[initial.length - 1]! - initial[0]!} ms`);
      const calls = trace.filter((e) => e["kind"] === "handler.called" && e["listener"] === 1 && e["notification"] === "add" && e["isInInitialList"] === false);
      expect(calls.length).toBeGreaterThanOrEqual(BURST);
      expect(new Set(calls.map(src))).toEqual(new Set([lineOf(SLOW, "addFunc: (pod, initial)")]));
      expect(new Set(trace.filter((e) => e["kind"] === "runner.log").map(src))).toEqual(new Set([lineOf(SLOW, "log(`slow: added")]));
      const requests = trace.filter((e) => e["kind"] === "server.request" && e["origin"] === "code");
      expect(requests.length).toBeGreaterThanOrEqual(1);
      expect(requests[0]).toMatchObject({ verb: "get", resource: "pods", namespace: "default", name: "burst-0", remote: true,
        src: { line: lineOf(SLOW, "clientset.coreV1().pods(pod.metadata.namespace).get") } });
      expect(trace.some((e) => e["kind"] === "server.response" && e["requestId"] === requests[0]!["requestId"] && e["code"] === 200)).toBe(true);

      // Paused on a log line: that step's line; after an edit the mark goes (the code that ran is not in the editor).
      await page.locator('[data-testid="live-code"] [data-testid="log"] li').filter({ hasText: "slow: added burst-3" }).first().click();
      await expect.poll(marked, { timeout: 10_000 }).toBe(lineOf(SLOW, "log(`slow: added"));
      await setEditorCode(page, `${SLOW}// edited\n`);
      await expect.poll(() => byTestId(page, "live-code-editor").getAttribute("data-step-line-state")).toBe("stale");
      expect(await byTestId(page, "live-code-editor").getAttribute("data-step-line")).toBeNull();
      await byTestId(page, "live-stop").click();
    } finally {
      await slow.close();
    }
  });
});
