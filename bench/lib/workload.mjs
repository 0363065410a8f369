// Seeded workload generator (spec/benchmark.md §4.4). Every contender's child process regenerates the same
// inputs from the same seed, outside the timed region, so objects have the same shapes everywhere.
// W1 steady: N listed, M events 80% MODIFIED / 10% ADDED (new keys) / 10% DELETED, uniform keys.
// W2 hot keys: as W1 with Zipf(s=1.1) key choice. W3 churn: 50% ADDED / 50% DELETED.
// W4 relist: N listed, then a 410 and a relist where 5% changed and 5% vanished.
// Every MODIFIED carries a new resourceVersion (client-node suppresses same-RV updates).

export function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMESPACES = ["default", "kube-system", "team-a", "team-b", "team-c", "payments", "search", "web"];

/** A ~1.3 KB-JSON Pod. `shared` lets event bodies share spec/status (not mutated by anyone). */
export function makePod(i, rv, random, shared) {
  const ns = NAMESPACES[i % NAMESPACES.length];
  const name = `pod-${i}`;
  const spec = shared?.spec ?? {
    nodeName: `node-${i % 50}`,
    restartPolicy: "Always",
    serviceAccountName: "default",
    containers: [{
      name: "app", image: `registry.example/app:${(i % 7) + 1}.0.${i % 13}`,
      ports: [{ containerPort: 8080, protocol: "TCP", name: "http" }],
      resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
      env: [{ name: "MODE", value: "production" }, { name: "REGION", value: "eu-west-1" }],
    }],
  };
  const status = shared?.status ?? {
    phase: "Running", podIP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, hostIP: `192.168.0.${i % 250}`,
    startTime: "2026-01-01T00:00:00Z",
    conditions: [{ type: "Ready", status: "True", lastTransitionTime: "2026-01-01T00:00:10Z" }],
    containerStatuses: [{
      name: "app", ready: true, restartCount: Math.floor(random() * 3), image: "registry.example/app:1.0.0",
      imageID: "registry.example/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      containerID: "containerd://0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      state: { running: { startedAt: "2026-01-01T00:00:05Z" } },
    }],
  };
  return {
    apiVersion: "v1", kind: "Pod",
    metadata: {
      name, namespace: ns, uid: `uid-${i}-${Math.floor(random() * 1e9)}`, resourceVersion: String(rv),
      creationTimestamp: "2026-01-01T00:00:00Z", generation: 1,
      labels: { app: `app-${i % 20}`, tier: i % 3 === 0 ? "frontend" : "backend", "pod-template-hash": "5d8f7c9b6" },
      ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: `app-${i % 20}-5d8f7c9b6`, uid: `rs-${i % 20}`, controller: true, blockOwnerDeletion: true }],
    },
    spec, status,
  };
}

function zipfSampler(n, s, random) {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 1; k <= n; k++) { sum += 1 / Math.pow(k, s); cdf[k - 1] = sum; }
  for (let k = 0; k < n; k++) cdf[k] /= sum;
  return () => {
    const u = random();
    let lo = 0, hi = n - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cdf[mid] < u) lo = mid + 1; else hi = mid; }
    return lo;
  };
}

/**
 * Builds { list, listRV, events, relist?, expected } where expected = { adds, updates, deletes, final: Map key→rv }.
 * Events are { type, object }. Keys are "ns/name".
 */
export function buildWorkload(id, { n, m, seed = 42 }) {
  const random = prng(seed);
  let rv = 1000;
  const live = [];            // indices of live objects (for uniform choice)
  const livePos = new Map();  // index → position in `live`
  const current = new Map();  // index → object
  const list = [];
  for (let i = 0; i < n; i++) {
    const pod = makePod(i, ++rv, random);
    list.push(pod);
    livePos.set(i, live.length); live.push(i); current.set(i, pod);
  }
  const listRV = String(rv);
  const expected = { adds: n, updates: 0, deletes: 0 };
  const events = [];
  let nextIndex = n;
  const removeLive = (i) => {
    const p = livePos.get(i); const last = live.pop();
    if (last !== i) { live[p] = last; livePos.set(last, p); }
    livePos.delete(i); current.delete(i);
  };
  const sharedOf = (i) => { const o = current.get(i); return { spec: o.spec, status: o.status }; };
  const zipf = id === "W2" ? zipfSampler(Math.max(1, n), 1.1, random) : undefined;
  const pick = () => {
    if (zipf) {
      for (let tries = 0; tries < 8; tries++) { const i = zipf(); if (livePos.has(i)) return i; }
    }
    return live[Math.floor(random() * live.length)];
  };
  const split = id === "W3" ? [0, 0.5] : [0.8, 0.9];   // [modified, added] thresholds
  if (id !== "W4") {
    for (let e = 0; e < m; e++) {
      const r = random();
      if (live.length === 0 || (r >= split[0] && r < split[1])) {
        const i = nextIndex++;
        const pod = makePod(i, ++rv, random);
        livePos.set(i, live.length); live.push(i); current.set(i, pod);
        events.push({ type: "ADDED", object: pod }); expected.adds++;
      } else if (r < split[0]) {
        const i = pick();
        const pod = makePod(i, ++rv, random, sharedOf(i));
        current.set(i, pod);
        events.push({ type: "MODIFIED", object: pod }); expected.updates++;
      } else {
        const i = pick();
        const old = current.get(i);
        const gone = { ...old, metadata: { ...old.metadata, resourceVersion: String(++rv) } };
        removeLive(i);
        events.push({ type: "DELETED", object: gone }); expected.deletes++;
      }
    }
  }
  let relist;
  if (id === "W4") {
    const items = [];
    for (let i = 0; i < n; i++) {
      const r = random();
      if (r < 0.05) { removeLive(i); expected.deletes++; continue; }
      if (r < 0.10) { const pod = makePod(i, ++rv, random, sharedOf(i)); current.set(i, pod); items.push(pod); expected.updates++; continue; }
      items.push(current.get(i));
    }
    relist = { items, resourceVersion: String(++rv) };
  }
  const final = new Map();
  for (const [, obj] of current) final.set(`${obj.metadata.namespace}/${obj.metadata.name}`, obj.metadata.resourceVersion);
  return { list, listRV, events, relist, expected: { ...expected, final } };
}

/** Checks a contender's final cache (iterable of objects) and counts against the generator's expectation. */
export function verify(expected, cacheObjects, counts) {
  const problems = [];
  for (const k of ["adds", "updates", "deletes"]) if (counts[k] !== expected[k]) problems.push(`${k} ${counts[k]} != ${expected[k]}`);
  if (expected.final === undefined) return problems;   // a delivered prefix: counts only
  let size = 0;
  for (const obj of cacheObjects) {
    size++;
    const key = `${obj.metadata.namespace}/${obj.metadata.name}`;
    const rv = expected.final.get(key);
    if (rv === undefined) { if (problems.length < 5) problems.push(`unexpected key ${key}`); }
    else if (rv !== obj.metadata.resourceVersion) { if (problems.length < 5) problems.push(`${key}: rv ${obj.metadata.resourceVersion} != ${rv}`); }
  }
  if (size !== expected.final.size) problems.push(`cache size ${size} != ${expected.final.size}`);
  return problems;
}
