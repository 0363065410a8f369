// The official Python client (Debian's python3-kubernetes or `pip install kubernetes`; .ci/run installs
// it; the version is printed) against the playground cluster: watch.stream sends `watch=True` (G6) and
// sees the events; on a 410 it retries once with the same resourceVersion, then raises ApiException(410)
// (wire.md §2.9, G17).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { api, findPython, testCluster, waitFor, type TestCluster } from "./harness.js";

const python = findPython();
if (python === undefined) console.warn("SKIPPED test/wire/python.test.ts: no python3 with the `kubernetes` package (apt-get install python3-kubernetes, or pip install kubernetes)");
const script = fileURLToPath(new URL("./py/watch_pods.py", import.meta.url));

describe.skipIf(python === undefined)(`Python kubernetes client ${python?.version ?? ""} against the playground cluster`, () => {
  let c: TestCluster;
  const requests: string[] = [];
  beforeAll(async () => { c = await testCluster({ log: (l) => requests.push(l) }); });
  afterAll(async () => { await c.close(); });
  const mk = (name: string) => ({ metadata: { name }, spec: { containers: [{ name: "c", image: "x" }] } });

  function runPy(args: string[]): { out: () => string[]; done: Promise<number> } {
    const child = spawn(python!.bin, [script, c.kubeconfig, ...args]);
    let text = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => { text += d.toString(); });
    child.stderr.on("data", (d: Buffer) => { err += d.toString(); });
    const done = new Promise<number>((resolve) => child.on("close", (code) => { if (code !== 0) console.log(err); resolve(code ?? -1); }));
    return { out: () => text.split("\n").filter((l) => l !== ""), done };
  }

  it("watch.stream sends watch=True and sees ADDED (synthetic, no list), MODIFIED, DELETED", async () => {
    console.log(`client: python kubernetes ${python!.version} (${python!.bin})`);
    await api(c, "POST", "/api/v1/namespaces/default/pods", mk("alpha"));
    const p = runPy(["events"]);
    await waitFor(() => p.out().some((l) => l.startsWith("ADDED alpha")), "ADDED alpha", 30_000);
    await api(c, "POST", "/api/v1/namespaces/default/pods", mk("beta"));
    await api(c, "PATCH", "/api/v1/namespaces/default/pods/beta", { metadata: { labels: { x: "y" } } }, "application/merge-patch+json");
    await api(c, "DELETE", "/api/v1/namespaces/default/pods/alpha");
    await api(c, "POST", "/api/v1/namespaces/default/pods", mk("stop"));
    expect(await p.done).toBe(0);
    const lines = p.out();
    expect(lines.map((l) => l.split(" ").slice(0, 2).join(" "))).toEqual([
      "watching", "ADDED alpha", "ADDED beta", "MODIFIED beta", "MODIFIED alpha", "DELETED alpha", "ADDED stop", "ended",
    ]);
    expect(requests.some((r) => /GET \/api\/v1\/namespaces\/default\/pods\?.*watch=True/.test(r))).toBe(true);
  });

  it("on a 410 it retries once with the same resourceVersion, then raises ApiException(410)", async () => {
    const old = (await api(c, "GET", "/api/v1/namespaces/default/pods")).json.metadata.resourceVersion;
    await api(c, "POST", "/api/v1/namespaces/default/pods", mk("later"));
    await api(c, "POST", "/playground/v1/faults/compact");
    requests.length = 0;
    const p = runPy(["gone", String(Number(old) - 1)]);
    expect(await p.done).toBe(0);
    expect(p.out()).toEqual(["ApiException 410"]);
    const watches = requests.filter((r) => r.startsWith("200 GET") && /watch=True/.test(r));
    expect(watches).toHaveLength(2);
    expect(watches[0]).toContain(`resourceVersion=${Number(old) - 1}`);
    expect(watches[1]).toContain(`resourceVersion=${Number(old) - 1}`);
  });
});
