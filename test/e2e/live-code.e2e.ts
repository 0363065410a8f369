// Learner handler code in live mode, in Chromium: `npm run live -- --embedded --allow-writes`, kubectl
// driven from the test. After Follow, Apply attaches the code (opt-in); it runs in the sandboxed live worker; what the page shows is asserted:
// the learner's addFunc line after `kubectl run`, a write outside the namespace refused by the page
// with its reason (and never reaching the cluster), a write inside it done, an endless loop stopping
// the worker while the stage keeps following, and the code surviving a reload.
// Screenshots in test-results/screenshots/live-code-*.png.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findKubectl, run } from "../wire/harness.js";
import { byTestId, openApp, type AppSession } from "./harness.js";

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
});
