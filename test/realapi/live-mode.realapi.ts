/**
 * Live mode against a real kube-apiserver (opt-in, part of `npm run test:realapi`): `npm run live
 * --kubeconfig <the real server's kubeconfig>` and the #/live stage in headless Chromium, with real
 * kubectl writing to the real server. The same story as test/e2e/live.e2e.ts (which uses the embedded
 * simulated cluster): connect, follow pods, see kubectl's create and label, hold the handlers so the
 * DeltaFIFO fills and drains, and a relist. The real server has no fault endpoint; the relist comes from
 * restarting kube-apiserver: the watch ends, the re-watch fails while it is down (502 from live mode's
 * proxy), the informer backs off and relists (seen 2026-12-06: closed, re-watch, 502, backoff, relist,
 * re-watch; no 410 — the restarted server served the re-watch). Screenshots in
 * test-results/screenshots/live-real-*.png.
 *
 * Needs the built binaries (tools/real-apiserver/build.sh), kubectl and dist/ (npm run live builds it when
 * missing); without the binaries the test reports itself skipped with the reason.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBinaries, startRealApiserver, type RealApiserver } from "../../tools/real-apiserver/real-apiserver.mjs";
import { byTestId, openApp, type AppSession } from "../e2e/harness.js";
import { findKubectl, run } from "../wire/harness.js";

interface Live { proc: ChildProcess; url: string; out: string[] }

function startLive(kubeconfig: string): Promise<Live> {
  const proc = spawn(process.execPath, ["server/live/run.mjs", "--kubeconfig", kubeconfig, "--confirm-context", "real-apiserver", "--port", "0"],
    { stdio: ["ignore", "pipe", "pipe"], cwd: `${import.meta.dirname}/../..` });
  const out: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run live did not print its URL:\n${out.join("")}`)), 240_000);
    const onData = (b: Buffer): void => {
      out.push(b.toString());
      const url = /Open (http:\/\/127\.0\.0\.1:\d+)\/#\/live/.exec(out.join(""))?.[1];
      if (url !== undefined) { clearTimeout(timer); resolve({ proc, url, out }); }
    };
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", onData);
    proc.on("exit", (code) => { clearTimeout(timer); reject(new Error(`npm run live exited ${code}:\n${out.join("")}`)); });
  });
}

let missing: string | undefined = process.env.REALAPI_ORACLE === "fixtures" ? "REALAPI_ORACLE=fixtures: no real server" : undefined;
if (missing === undefined) try { findBinaries(); } catch (e) { missing = e instanceof Error ? e.message.split("\n")[0] : String(e); }
const kubectl = findKubectl();
if (kubectl === undefined) missing ??= "no kubectl on this machine";

describe.skipIf(missing !== undefined)(`live mode at a real kube-apiserver${missing !== undefined ? ` (not run: ${missing})` : ""}`, () => {
  let api: RealApiserver;
  let live: Live;
  let app: AppSession | undefined;
  const k = async (...args: string[]): Promise<string> => {
    const r = await run(kubectl!.bin, ["--kubeconfig", api.kubeconfig, "-n", "default", ...args]);
    expect(r.code, `kubectl ${args.join(" ")}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };

  beforeAll(async () => {
    api = await startRealApiserver({ log: (m) => console.log(`[live-real] ${m}`) });
    live = await startLive(api.kubeconfig);
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    live?.proc.removeAllListeners("exit");
    live?.proc.kill("SIGTERM");
    await api?.stop();
  }, 60_000);

  it("connects, follows pods, shows kubectl's writes and held handlers, and relists after a kube-apiserver restart", async () => {
    for (const name of ["web-1", "web-2", "db-0"]) await k("run", name, "--image=registry.example/app:1");
    app = await openApp({ baseURL: live.url, path: `${live.url}/#/live`, viewport: { width: 1440, height: 1000 } });
    const { page } = app;
    const storeKeys = (): Promise<(string | null)[]> =>
      page.locator('[data-testid="store-row"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-key")));
    const rvOf = (key: string): Promise<string | null> =>
      page.locator(`[data-testid="store-row"][data-key="${key}"]`).getAttribute("data-rv").catch(() => null);

    await expect.poll(() => byTestId(page, "live-server-version").innerText(), { timeout: 30_000 }).toBe(api.versions.kubeApiserver);
    expect(await byTestId(page, "live-context").innerText()).toBe("real-apiserver");
    expect(await byTestId(page, "live-access").innerText()).toBe("read-only");
    await app.screenshot("live-real-connect");

    await byTestId(page, "live-start").click();
    await expect.poll(storeKeys, { timeout: 30_000 }).toEqual(expect.arrayContaining(["default/web-1", "default/web-2", "default/db-0"]));

    await k("run", "demo", "--image=registry.example/app:1");
    await expect.poll(storeKeys, { timeout: 20_000 }).toContain("default/demo");
    const rvBefore = await rvOf("default/demo");
    await k("label", "pod", "demo", "tier=frontend");
    await expect.poll(() => rvOf("default/demo"), { timeout: 20_000 }).not.toBe(rvBefore);
    // The store holds the real server's RV for the pod.
    const realRv = (await k("get", "pod", "demo", "-o", "jsonpath={.metadata.resourceVersion}")).trim();
    await expect.poll(() => rvOf("default/demo"), { timeout: 20_000 }).toBe(realRv);
    await app.screenshot("live-real-following");

    await byTestId(page, "live-hold").click();
    for (const name of ["web-1", "web-2", "db-0"]) await k("label", "pod", name, "held=yes");
    const fifoCount = (): Promise<number> => page.locator('[data-testid="fifo-keys-total"]').first().getAttribute("data-count").then(Number);
    await expect.poll(fifoCount, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await app.screenshot("live-real-held");
    await byTestId(page, "live-hold").click();
    await expect.poll(fifoCount, { timeout: 20_000 }).toBe(0);

    // Restart kube-apiserver: the watch breaks, the re-watch fails while it is down, the informer relists.
    await k("create", "configmap", "bump", "--from-literal=k=v");
    await k("delete", "pod", "db-0", "--grace-period=0", "--force");
    app.allow(/ERR_INCOMPLETE_CHUNKED_ENCODING|status of 50\d|ERR_EMPTY_RESPONSE|ERR_CONNECTION/);
    await api.restartApiserver();
    await expect.poll(() => page.locator('[data-testid="live-highlights"] li[data-kind="relist"]').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const names = (await k("get", "pods", "-o", "name")).trim().split("\n").map((n) => `default/${n.replace("pod/", "")}`).sort();
    await expect.poll(async () => (await storeKeys()).sort(), { timeout: 30_000 }).toEqual(names);
    expect(names).not.toContain("default/db-0");
    const kinds = await page.locator('[data-testid="live-highlights"] li').evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
    console.log(`[live-real] highlights after the restart: ${kinds.join(", ")}`);
    await app.screenshot("live-real-relist");
  }, 240_000);
});
