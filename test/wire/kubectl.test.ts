// Real kubectl against `npm run cluster` (server/cluster-server.ts on a free port): every command of
// issue 17, asserting what kubectl prints. Client: the machine's versioned kubectl (1.32.x, from the
// Google Cloud SDK; gotcha G1) — the version is printed by the first test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { api, findKubectl, run, testCluster, waitFor, type TestCluster } from "./harness.js";

const kubectl = findKubectl();
if (kubectl === undefined) console.warn("SKIPPED test/wire/kubectl.test.ts: no kubectl binary on this machine (not on PATH, no Google Cloud SDK kubectl.1.32)");

describe.skipIf(kubectl === undefined)(`kubectl ${kubectl?.version ?? ""} against the playground cluster`, () => {
  let c: TestCluster;
  const k = (...args: string[]) => run(kubectl!.bin, ["--kubeconfig", c.kubeconfig, "--cache-dir", join(c.dir, "cache"), ...args]);
  const file = (name: string, text: string): string => { const p = join(c.dir, name); writeFileSync(p, text); return p; };
  const podYaml = (containers: string) => `apiVersion: v1
kind: Pod
metadata:
  name: alpha
  labels: {app: web}
spec:
  containers:
${containers}`;

  beforeAll(async () => { c = await testCluster(); });
  afterAll(async () => { await c.close(); });

  it("version and api-resources", async () => {
    console.log(`client: kubectl ${kubectl!.version} (${kubectl!.bin})`);
    const v = await k("version");
    expect(v.stdout).toMatch(/^Client Version: v1\.\d+\.\d+/m);
    expect(v.stdout).toMatch(/^Server Version: v1\.32\.0$/m);
    const r = await k("api-resources");
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/);
    expect(lines).toContainEqual(expect.stringMatching(/^pods\s+po\s+v1\s+true\s+Pod$/));
    expect(lines).toContainEqual(expect.stringMatching(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/));
    expect(lines).toContainEqual(expect.stringMatching(/^nodes\s+no\s+v1\s+false\s+Node$/));
  });

  it("create -f, get pods (real columns, -o wide, --show-labels, -A)", async () => {
    const p = file("pod.yaml", podYaml("  - {name: c, image: nginx}\n"));
    const created = await k("create", "-f", p);
    expect(created.stdout.trim()).toBe("pod/alpha created");
    const again = await k("create", "-f", p);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('Error from server (AlreadyExists): error when creating "' + p + '": pods "alpha" already exists');
    const get = await k("get", "pods");
    const [head, row] = get.stdout.trim().split("\n");
    expect(head).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(row).toMatch(/^alpha\s+0\/1\s+Pending\s+0\s+\d+s$/);
    const wide = await k("get", "pods", "-o", "wide", "--show-labels");
    expect(wide.stdout.split("\n")[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\s+LABELS$/);
    expect(wide.stdout.split("\n")[1]).toMatch(/<none>\s+<none>\s+<none>\s+<none>\s+app=web$/);
    const all = await k("get", "pods", "-A");
    expect(all.stdout.split("\n")[1]).toMatch(/^default\s+alpha\s+/);
  });

  it("apply -f: configured (image changed), unchanged; adding a container is the real server's 422", async () => {
    const newer = file("pod-img.yaml", podYaml("  - {name: c, image: nginx:1.27}\n"));
    const two = file("pod2.yaml", podYaml("  - {name: c, image: nginx:1.27}\n  - {name: sidecar, image: busybox}\n"));
    const a1 = await k("apply", "-f", newer);
    expect(a1.stdout.trim()).toBe("pod/alpha configured");
    let pod = (await api(c, "GET", "/api/v1/namespaces/default/pods/alpha")).json;
    expect(pod.spec.containers.map((x: { name: string; image: string }) => `${x.name}=${x.image}`)).toEqual(["c=nginx:1.27"]);
    const rv = pod.metadata.resourceVersion;
    const a2 = await k("apply", "-f", newer);
    expect(a2.stdout.trim()).toBe("pod/alpha unchanged");
    expect((await api(c, "GET", "/api/v1/namespaces/default/pods/alpha")).json.metadata.resourceVersion).toBe(rv);
    // pod specs are immutable but for images and a few fields (validation.go ValidatePodUpdate)
    const a3 = await k("apply", "-f", two);
    expect(a3.stderr).toContain('The Pod "alpha" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers');
    pod = (await api(c, "GET", "/api/v1/namespaces/default/pods/alpha")).json;
    expect(pod.spec.containers).toHaveLength(1);
    const back = file("pod1.yaml", podYaml("  - {name: c, image: nginx}\n"));
    expect((await k("apply", "-f", back)).stdout.trim()).toBe("pod/alpha configured");
    const fresh = file("beta.yaml", podYaml("  - {name: c, image: nginx}\n").replace("name: alpha", "name: beta"));
    expect((await k("apply", "-f", fresh)).stdout.trim()).toBe("pod/beta created");
  });

  it("apply -f a Deployment: created, configured (a sidecar added), configured (one removed), unchanged", async () => {
    const dep = (containers: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
${containers}`;
    const one = file("api1.yaml", dep("      - {name: app, image: nginx}\n"));
    const two = file("api2.yaml", dep("      - {name: app, image: nginx:1.27}\n      - {name: sidecar, image: busybox}\n"));
    const names = async () => ((await api(c, "GET", "/apis/apps/v1/namespaces/default/deployments/api")).json.spec.template.spec.containers as Array<{ name: string; image: string }>).map((x) => `${x.name}=${x.image}`);
    expect((await k("apply", "-f", one)).stdout.trim()).toBe("deployment.apps/api created");
    expect((await k("apply", "-f", two)).stdout.trim()).toBe("deployment.apps/api configured");
    expect(await names()).toEqual(["app=nginx:1.27", "sidecar=busybox"]);
    expect((await k("apply", "-f", one)).stdout.trim()).toBe("deployment.apps/api configured");
    expect(await names()).toEqual(["app=nginx"]);
    const gen = (await api(c, "GET", "/apis/apps/v1/namespaces/default/deployments/api")).json.metadata.generation;
    expect(gen).toBe(3);
    expect((await k("apply", "-f", one)).stdout.trim()).toBe("deployment.apps/api unchanged");
  });

  it("apply --server-side creates, then applies; label, annotate; scale deployment", async () => {
    const dep = file("dep.yaml", `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: nginx}]
`);
    expect((await k("apply", "--server-side", "-f", dep)).stdout.trim()).toBe("deployment.apps/web serverside-applied");
    expect((await k("apply", "--server-side", "-f", dep.replace("dep", "dep"))).stdout.trim()).toBe("deployment.apps/web serverside-applied");
    expect((await k("label", "pod", "alpha", "tier=fe")).stdout.trim()).toBe("pod/alpha labeled");
    expect((await k("annotate", "pod", "alpha", "note=hi")).stdout.trim()).toBe("pod/alpha annotated");
    expect((await k("label", "pod", "alpha", "tier-")).stdout.trim()).toBe("pod/alpha unlabeled");
    const pod = (await api(c, "GET", "/api/v1/namespaces/default/pods/alpha")).json;
    expect(pod.metadata.labels).toEqual({ app: "web" });
    expect(pod.metadata.annotations.note).toBe("hi");
    expect((await k("scale", "deployment", "web", "--replicas=3")).stdout.trim()).toBe("deployment.apps/web scaled");
    const d = await k("get", "deploy", "-o", "wide");
    expect(d.stdout.split("\n")[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/);
    expect(d.stdout.split("\n").find((l) => l.startsWith("web "))).toMatch(/^web\s+0\/3\s+0\s+0\s+\d+s\s+c\s+nginx\s+app=web$/);
    const obj = (await api(c, "GET", "/apis/apps/v1/namespaces/default/deployments/web")).json;
    expect(obj.spec.replicas).toBe(3);
    expect(obj.metadata.generation).toBe(2);
  });

  it("describe pod prints the pod and an (empty) Events section", async () => {
    const d = await k("describe", "pod", "alpha");
    expect(d.code).toBe(0);
    expect(d.stdout).toMatch(/^Name:\s+alpha$/m);
    expect(d.stdout).toMatch(/^Namespace:\s+default$/m);
    expect(d.stdout).toMatch(/^Annotations:\s+note: hi$/m);
    expect(d.stdout).toMatch(/^\s+Image:\s+nginx$/m);
    expect(d.stdout).toMatch(/^Events:\s+<none>$/m);
  });

  it("get pods -w prints the lines for writes made by another client", async () => {
    const child = spawn(kubectl!.bin, ["--kubeconfig", c.kubeconfig, "--cache-dir", join(c.dir, "cache"), "get", "pods", "-w"]);
    let out = "";
    child.stdout.on("data", (d: Buffer) => { out += d.toString(); });
    try {
      await waitFor(() => /^beta\s/m.test(out), "the initial list");
      await api(c, "POST", "/api/v1/namespaces/default/pods", { metadata: { name: "gamma" }, spec: { containers: [{ name: "c", image: "x" }] } });
      await waitFor(() => /^gamma\s/m.test(out), "gamma ADDED");
      await api(c, "DELETE", "/api/v1/namespaces/default/pods/gamma");
      await waitFor(() => /^gamma\s+0\/1\s+Terminating/m.test(out), "gamma Terminating");
    } finally {
      child.kill();
    }
    const lines = out.trim().split("\n");
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines.filter((l) => l.startsWith("gamma"))[0]).toMatch(/^gamma\s+0\/1\s+Pending\s+0\s+\d+s$/);
  });

  it("delete pod: graceful blocks for the grace period; --wait=false returns at once", async () => {
    await api(c, "POST", "/api/v1/namespaces/default/pods", { metadata: { name: "bound" }, spec: { nodeName: "node-1", terminationGracePeriodSeconds: 2, containers: [{ name: "c", image: "x" }] } });
    let t0 = Date.now();
    const d = await k("delete", "pod", "bound");
    const waited = Date.now() - t0;
    expect(d.stdout.trim()).toBe('pod "bound" deleted');
    expect(waited).toBeGreaterThanOrEqual(1900);
    expect((await api(c, "GET", "/api/v1/namespaces/default/pods/bound")).status).toBe(404);
    await api(c, "POST", "/api/v1/namespaces/default/pods", { metadata: { name: "bound" }, spec: { nodeName: "node-1", terminationGracePeriodSeconds: 30, containers: [{ name: "c", image: "x" }] } });
    t0 = Date.now();
    const nw = await k("delete", "pod", "bound", "--wait=false");
    expect(nw.stdout.trim()).toBe('pod "bound" deleted');
    expect(Date.now() - t0).toBeLessThan(5000);
    const still = (await api(c, "GET", "/api/v1/namespaces/default/pods/bound")).json;
    expect(still.metadata.deletionTimestamp).toBeDefined();
    expect(still.metadata.deletionGracePeriodSeconds).toBe(30);
  });
});
