/**
 * Issue 16, server side: the simulated kube-apiserver's object rules as the real registry, validation
 * and cacher have them. Each test states the rule and names the source (kubernetes/kubernetes
 * pkg/registry, pkg/apis; kubernetes/apiserver master 24a394e5; kubernetes/apimachinery).
 */
import { describe, expect, it } from "vitest";
import {
  isConflict, isInvalid, type Deployment, type KubeObject, type Pod, type ReplicaSet, type Status,
} from "../../../src/index.js";
import { errorOf, pod, setup, watch } from "../../unit/apiserver/helpers.js";
import { partitionInformer } from "./partition-informer.js";

const bound = (name: string, node = "n1"): Pod => pod(name, undefined, { spec: { nodeName: node, containers: [{ name: "c", image: "nginx:1.27" }] } });
const deployment = (name: string): Deployment => ({
  metadata: { name, namespace: "default" },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image: "web:1" }] } } },
  status: { replicas: 7, readyReplicas: 7 },
});
const replicaSet = (name: string): ReplicaSet => ({
  metadata: { name, namespace: "default" },
  spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image: "web" }] } } },
  status: { replicas: 9 },
});

describe("item 2 — create: defaults and status reset", () => {
  it("a pod gets its spec defaults and status {phase: Pending, qosClass} whatever it was sent with (core/v1 defaults.go SetDefaults_PodSpec/SetDefaults_Container; pod strategy.go PrepareForCreate)", () => {
    const { server } = setup();
    const p = server.create<Pod>("pods", pod("a", undefined, { status: { phase: "Running", podIP: "10.0.0.9" } }));
    expect(p.spec).toMatchObject({
      dnsPolicy: "ClusterFirst", restartPolicy: "Always", schedulerName: "default-scheduler",
      terminationGracePeriodSeconds: 30, enableServiceLinks: true, securityContext: {},
    });
    expect(p.spec!.containers[0]).toEqual({
      name: "c", image: "nginx", imagePullPolicy: "Always", resources: {},
      terminationMessagePath: "/dev/termination-log", terminationMessagePolicy: "File",
    });
    expect(p.status).toEqual({ phase: "Pending", qosClass: "BestEffort" });
    const tagged = server.create<Pod>("pods", pod("b", undefined, { spec: { containers: [{ name: "c", image: "nginx:1.27", resources: { limits: { cpu: "1", memory: "1Gi" } } }] } }));
    expect(tagged.spec!.containers[0]!.imagePullPolicy).toBe("IfNotPresent");
    expect(tagged.spec!.containers[0]!.resources).toEqual({ limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "1", memory: "1Gi" } });
    expect(tagged.status!.qosClass).toBe("Guaranteed");
  });

  it("field selectors then answer as on a real cluster: status.phase=Pending, spec.restartPolicy=Always, spec.schedulerName=default-scheduler", () => {
    const { server } = setup();
    server.create("pods", pod("a", undefined, { status: { phase: "Running" } }));
    expect(server.list("pods", { fieldSelector: "status.phase=Running" }).items).toHaveLength(0);
    expect(server.list("pods", { fieldSelector: "status.phase=Pending,spec.restartPolicy=Always,spec.schedulerName=default-scheduler" }).items).toHaveLength(1);
  });

  it("deployments and replicasets reset status on create and get their apps/v1 defaults (apps strategy.go PrepareForCreate; apps/v1 defaults.go SetDefaults_Deployment)", () => {
    const { server } = setup();
    const d = server.create<Deployment>("deployments", deployment("web"));
    expect(d.status).toEqual({});
    expect(d.spec).toMatchObject({ replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } } });
    expect(d.spec!.template.spec).toMatchObject({ restartPolicy: "Always", dnsPolicy: "ClusterFirst" });
    expect(d.spec!.template.spec).not.toHaveProperty("enableServiceLinks");
    const rs = server.create<ReplicaSet>("replicasets", replicaSet("web"));
    expect(rs.status).toEqual({ replicas: 0 });
    expect(server.list("replicasets", { fieldSelector: "status.replicas=0" }).items).toHaveLength(1);
  });

  it("defaulting also runs on update, so a body that omits defaulted fields changes nothing (defaults apply at every decode)", () => {
    const { s, server } = setup();
    const created = server.create<Pod>("pods", pod("a"));
    const { sink } = watch(server, s, { resourceVersion: created.metadata.resourceVersion! });
    const same = server.update<Pod>("pods", { ...pod("a"), metadata: { ...pod("a").metadata, resourceVersion: created.metadata.resourceVersion! } });
    s.flush();
    expect(same.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    expect(sink.events).toHaveLength(0);
  });
});

describe("item 3 — pod update validation and the binding subresource", () => {
  it("changing a spec field that is not mutable is 422 \"pod updates may not change fields other than …\" (validation.go ValidatePodUpdate)", () => {
    const { server } = setup();
    const p = server.create<Pod>("pods", pod("a"));
    const e = errorOf(() => server.update("pods", { ...p, spec: { ...p.spec!, restartPolicy: "Never" } }));
    expect(isInvalid(e)).toBe(true);
    expect(e.message).toMatch(/^Pod "a" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,`spec.initContainers\[\*\].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` \(only additions to existing tolerations\),`spec.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)/);
    expect(errorOf(() => server.update("pods", { ...p, spec: { ...p.spec!, containers: [...p.spec!.containers, { name: "d", image: "x" }] } })).message)
      .toContain("spec.containers: Forbidden: pod updates may not add or remove containers");
  });

  it("setting spec.nodeName by update is rejected; POST pods/{name}/binding binds (BindingREST setPodNodeAndMetadata)", () => {
    const { s, server } = setup();
    const p = server.create<Pod>("pods", pod("a"));
    expect(errorOf(() => server.update("pods", { ...p, spec: { ...p.spec!, nodeName: "n1" } })).message)
      .toContain("pod updates may not change fields other than");
    const { sink } = watch(server, s, { resourceVersion: p.metadata.resourceVersion!, fieldSelector: "spec.nodeName=n1" });
    const status = server.bind({ metadata: { name: "a", namespace: "default" }, target: { kind: "Node", name: "n1" } });
    expect(status).toMatchObject({ kind: "Status", status: "Success", code: 201 });
    const after = server.get<Pod>("pods", "default", "a");
    expect(after.spec!.nodeName).toBe("n1");
    expect(after.status!.conditions).toEqual([expect.objectContaining({ type: "PodScheduled", status: "True" })]);
    expect(after.metadata.generation).toBe(1); // the binding write skips the strategy: no generation bump
    s.flush();
    expect(sink.types()).toEqual(["ADDED a"]); // entered the selector
    const again = errorOf(() => server.bind({ metadata: { name: "a", namespace: "default" }, target: { kind: "Node", name: "n2" } }));
    expect(isConflict(again)).toBe(true);
    expect(again.message).toBe('Operation cannot be fulfilled on pods/binding "a": pod a is already assigned to node "n1"');
  });

  it("image, activeDeadlineSeconds (lowered) and toleration additions are allowed", () => {
    const { server } = setup();
    const p = server.create<Pod>("pods", pod("a", undefined, { spec: { activeDeadlineSeconds: 100, containers: [{ name: "c", image: "nginx" }] } }));
    const q = server.update<Pod>("pods", { ...p, spec: { ...p.spec!, activeDeadlineSeconds: 50, tolerations: [{ key: "k", operator: "Exists" }],
      containers: [{ ...p.spec!.containers[0]!, image: "nginx:2" }] } });
    expect(q.spec!.containers[0]!.image).toBe("nginx:2");
    expect(errorOf(() => server.update("pods", { ...q, spec: { ...q.spec!, activeDeadlineSeconds: 60 } })).message)
      .toContain("spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous value");
    expect(errorOf(() => server.update("pods", { ...q, spec: { ...q.spec!, tolerations: [] } })).message)
      .toContain("spec.tolerations: Forbidden");
  });
});

describe("item 4 — deletion fields through an update", () => {
  it("writing metadata.deletionTimestamp or deletionGracePeriodSeconds by update is 422 \"field is immutable\" (objectmeta.go ValidateObjectMetaAccessorUpdate)", () => {
    const { server } = setup();
    const c = server.create<KubeObject>("configmaps", { metadata: { name: "c", namespace: "default" } });
    const e = errorOf(() => server.update("configmaps", { ...c, metadata: { ...c.metadata, deletionTimestamp: "2025-01-01T00:00:00Z" } }));
    expect(isInvalid(e)).toBe(true);
    expect(e.message).toBe('ConfigMap "c" is invalid: metadata.deletionTimestamp: Invalid value: "2025-01-01T00:00:00Z": field is immutable');
    expect(errorOf(() => server.update("configmaps", { ...c, metadata: { ...c.metadata, deletionGracePeriodSeconds: 5 } })).message)
      .toBe('ConfigMap "c" is invalid: metadata.deletionGracePeriodSeconds: Invalid value: 5: field is immutable');
  });

  it("on a terminating object an update keeps the stored deletionTimestamp (rest/update.go BeforeUpdate: \"an update can never remove/change a deletion timestamp\")", () => {
    const { server } = setup();
    server.create("configmaps", { metadata: { name: "c", namespace: "default", finalizers: ["x/y"] } });
    server.delete("configmaps", "default", "c");
    const t = server.get<KubeObject>("configmaps", "default", "c");
    const { deletionTimestamp: _dt, ...rest } = t.metadata;
    const u = server.update<KubeObject>("configmaps", { ...t, metadata: { ...rest, labels: { a: "b" } } });
    expect(u.metadata.deletionTimestamp).toBe(t.metadata.deletionTimestamp);
  });
});

describe("item 10 — the apps group in errors", () => {
  it("not found, conflict, already exists and invalid name the group (GroupResource.String: deployments.apps; GroupKind: Deployment.apps)", () => {
    const { server } = setup();
    expect(errorOf(() => server.get("deployments", "default", "x")).message).toBe('deployments.apps "x" not found');
    const d = server.create<Deployment>("deployments", deployment("web"));
    expect(errorOf(() => server.create("deployments", deployment("web"))).message).toBe('deployments.apps "web" already exists');
    expect(errorOf(() => server.update("deployments", { ...d, metadata: { ...d.metadata, resourceVersion: "999" } })).message)
      .toBe('Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again');
    expect(errorOf(() => server.update("deployments", { ...d, metadata: { ...d.metadata, deletionGracePeriodSeconds: 1 } })).message)
      .toMatch(/^Deployment.apps "web" is invalid: /);
    expect((errorOf(() => server.get("deployments", "default", "x")).status as Status).details).toMatchObject({ group: "apps", kind: "deployments", name: "x" });
    expect(errorOf(() => server.get("pods", "default", "x")).message).toBe('pods "x" not found');
  });
});

describe("item 10 — listers name the group too", () => {
  it("a deployments lister miss is `deployment.apps \"x\" not found` (generated listers: errors.NewNotFound(appsv1.Resource(\"deployment\"), name))", async () => {
    const { ApiServer, Scheduler, SharedInformerFactory } = await import("../../../src/index.js");
    const s = new Scheduler();
    const factory = new SharedInformerFactory(new ApiServer(s), 0);
    const lister = factory.apps().v1().deployments().lister();
    const miss = errorOf(() => lister.byNamespace("default").get("x"));
    expect(miss.message).toBe('deployment.apps "x" not found');
    expect((miss.status as Status).details).toEqual({ kind: "deployment", group: "apps", name: "x" });
    expect(errorOf(() => factory.core().v1().pods().lister().pods("default").get("x")).message).toBe('pod "x" not found');
  });
});

describe("item 11 — graceful delete arithmetic (registry/rest/delete.go BeforeDelete)", () => {
  it("a shorter grace moves the deadline from the original timestamp: old − old grace + new grace", () => {
    const { s, server } = setup();
    server.create("pods", bound("a"));
    server.delete("pods", "default", "a", { gracePeriodSeconds: 30 });   // t=0 ⇒ deadline 30 s
    const first = server.get<Pod>("pods", "default", "a").metadata.deletionTimestamp!;
    s.advance(2000);
    server.delete("pods", "default", "a", { gracePeriodSeconds: 10 });   // ⇒ 30 − 30 + 10 = 10 s, still ahead
    const p = server.get<Pod>("pods", "default", "a");
    expect(p.metadata.deletionGracePeriodSeconds).toBe(10);
    expect(Date.parse(p.metadata.deletionTimestamp!) - Date.parse(first)).toBe(-20_000);
    s.advance(7999);
    expect(() => server.get("pods", "default", "a")).not.toThrow();
    s.advance(1);
    expect(() => server.get("pods", "default", "a")).toThrow(); // the kubelet finished it at the new deadline
  });

  it("if the moved deadline is already past it becomes now, and a non-zero grace becomes 1", () => {
    const { s, server } = setup();
    server.create("pods", bound("a"));
    server.delete("pods", "default", "a", { gracePeriodSeconds: 30 });
    s.advance(10_000);
    server.delete("pods", "default", "a", { gracePeriodSeconds: 5 });    // 30 − 30 + 5 = 5 s < now (10 s)
    const p = server.get<Pod>("pods", "default", "a");
    expect(p.metadata.deletionGracePeriodSeconds).toBe(1);
    expect(Date.parse(p.metadata.deletionTimestamp!)).toBe(Date.parse("2025-01-01T00:00:10Z"));
  });

  it("a longer grace is ignored; a negative grace counts as 1 s for a bound pod (and 0 for an unbound one)", () => {
    const { s, server } = setup();
    server.create("pods", bound("a"));
    server.delete("pods", "default", "a", { gracePeriodSeconds: 10 });
    const rv = server.get<Pod>("pods", "default", "a").metadata.resourceVersion;
    server.delete("pods", "default", "a", { gracePeriodSeconds: 60 });
    expect(server.get<Pod>("pods", "default", "a").metadata.resourceVersion).toBe(rv);
    server.create("pods", bound("b"));
    server.delete("pods", "default", "b", { gracePeriodSeconds: -5 });
    expect(server.get<Pod>("pods", "default", "b").metadata.deletionGracePeriodSeconds).toBe(1);
    s.advance(1000);
    expect(() => server.get("pods", "default", "b")).toThrow();
    server.create("pods", pod("c"));
    server.delete("pods", "default", "c", { gracePeriodSeconds: -5 });
    expect(() => server.get("pods", "default", "c")).toThrow();
  });
});

describe("items 7 and 8 — watch start points (cacher.go Watch, watch_cache.go getAllEventsSinceLocked)", () => {
  it("a watch-list (sendInitialEvents) from an RV older than the window serves the current state, no 410", () => {
    const { s, server } = setup({ watchCacheCapacity: 2 });
    const a = server.create<Pod>("pods", pod("a"));
    for (let i = 0; i < 5; i++) server.create("pods", pod(`p${i}`));
    const { sink } = watch(server, s, { resourceVersion: a.metadata.resourceVersion!, resourceVersionMatch: "NotOlderThan",
      sendInitialEvents: true, allowWatchBookmarks: true });
    s.flush();
    expect(sink.types()).toEqual(["ADDED a", "ADDED p0", "ADDED p1", "ADDED p2", "ADDED p3", "ADDED p4", "BOOKMARK"]);
    const plain = watch(server, s, { resourceVersion: a.metadata.resourceVersion! }).sink; // a plain watch from there still gets 410
    s.flush();
    expect(plain.types()).toEqual(["ERROR"]);
    expect((plain.events[0]!.object as Status).code).toBe(410);
  });

  it("sendInitialEvents without allowWatchBookmarks is accepted: initial events, no end bookmark (validation.go validateWatchOptions requires only resourceVersionMatch)", () => {
    const { s, server } = setup();
    server.create("pods", pod("a"));
    const { sink } = watch(server, s, { resourceVersion: "", resourceVersionMatch: "NotOlderThan", sendInitialEvents: true });
    s.flush();
    expect(sink.types()).toEqual(["ADDED a"]);
    server.create("pods", pod("b"));
    s.flush();
    expect(sink.types()).toEqual(["ADDED a", "ADDED b"]);
  });

  it("sendInitialEvents=false starts at the current RV with no synthetic ADDEDs", () => {
    const { s, server } = setup();
    server.create("pods", pod("a"));
    const { sink } = watch(server, s, { resourceVersionMatch: "NotOlderThan", sendInitialEvents: false });
    server.create("pods", pod("b"));
    s.flush();
    expect(sink.types()).toEqual(["ADDED b"]);
  });

  it("a plain watch from an RV ahead of the server is accepted and delivers only later events; a list ahead still gets 504", () => {
    const { s, server } = setup();
    server.create("pods", pod("a"));                                // rv 1
    const { sink } = watch(server, s, { resourceVersion: "3" });
    server.create("pods", pod("b"));                                // rv 2: not after 3
    server.create("pods", pod("c"));                                // rv 3: not after 3
    server.create("pods", pod("d"));                                // rv 4
    s.flush();
    expect(sink.types()).toEqual(["ADDED d"]);
    expect(sink.closed).toBeUndefined();
    expect(errorOf(() => server.list("pods", { resourceVersion: "99", resourceVersionMatch: "NotOlderThan" })).code).toBe(504);
  });
});

describe("item 14 — two kinds of network partition (server side and end to end)", () => {
  async function informerRun(mode: "refused" | "timeout", partitionMs: number) {
    const { s, rec, server, informer, messages: errors } = partitionInformer();
    const seen: string[] = [];
    informer.addEventHandler({ onAdd: (o: Pod) => seen.push(`add ${o.metadata.name}@${s.now()}`), onUpdate: () => {}, onDelete: () => {} });
    informer.run(new AbortController().signal);
    s.advance(1000);
    server.partition(mode);
    s.advance(1000);
    server.create("pods", pod("b"));                       // written while the client cannot hear
    s.advance(partitionMs - 1000);
    server.heal();
    s.advance(120_000);
    const lists = rec.events.filter((e) => e.kind === "reflector.list.start").length;
    return { errors, seen, lists, informer };
  }

  it("\"refused\": the watch is retried after backoff without a relist; the handler never fires (reflector.go isWatchErrorRetriable)", async () => {
    const r = await informerRun("refused", 60_000);
    expect(r.errors).toEqual([]);
    expect(r.lists).toBe(1);
    expect(r.seen).toEqual(["add a@0", expect.stringMatching(/^add b@/)]);
  });

  it("a short \"timeout\" partition is invisible but for the delay: the stream resumes and delivers late (TCP retransmits before the HTTP/2 health check gives up)", async () => {
    const r = await informerRun("timeout", 20_000);
    expect(r.errors).toEqual([]);
    expect(r.lists).toBe(1);
    expect(r.seen).toEqual(["add a@0", "add b@21000"]);
  });

  it("a long \"timeout\" partition: the watch ends with the client's ERROR 500, the relist hangs until the client's timeout, ListAndWatch fails, the handler fires, the Reflector relists", async () => {
    const r = await informerRun("timeout", 100_000);
    // t=1 s partition; t=46 s the silent watch is declared lost (ERROR 500) ⇒ backoff ⇒ relist on a new
    // connection, whose dial times out 30 s later ⇒ handler (timeout-partition.test.ts has the times);
    // the heal (t=101 s) comes 23.6 s into the next relist's dial, after its last SYN (19 s): that dial
    // times out too ⇒ handler again; the relist after it succeeds
    const relist = 'failed to list *v1.Pod: Get "https://10.96.0.1:443/api/v1/pods?resourceVersion=1": dial tcp 10.96.0.1:443: i/o timeout';
    expect(r.errors).toEqual([relist, relist]);
    expect(r.lists).toBeGreaterThanOrEqual(3);
    expect(r.seen).toEqual(["add a@0", expect.stringMatching(/^add b@/)]);
    expect(r.informer.hasSynced()).toBe(true);
  });

  it("a request held by a \"timeout\" partition reaches the server only when it heals (the server never sees a lost one)", () => {
    const { s, server, rec } = setup();
    server.create("pods", pod("a"));
    server.partition("timeout");
    const lw = server.listerWatcher<Pod>("pods");
    const answers: string[] = [];
    lw.list({}, (e, l) => answers.push(e !== undefined ? `${e.reason}@${s.now()}` : `${l!.items.length} items@${s.now()}`));
    s.advance(10_000);
    expect(answers).toEqual([]);
    expect(rec.events.filter((e) => e.kind === "server.request" && e.verb === "list")).toHaveLength(0);
    server.heal();                               // t = 10 s: no connection yet, so the LIST is dialing …
    s.flush();
    expect(answers).toEqual([]);
    s.advance(1_000);                            // … and gets through with the SYN resent 11 s into the dial
    expect(answers).toEqual(["1 items@11000"]);
    expect(rec.events.filter((e) => e.kind === "server.request" && e.verb === "list").map((e) => e.time)).toEqual([11_000]);
    server.partition("timeout");
    lw.list({}, (e, l) => answers.push(e !== undefined ? `${e.reason}@${s.now()}` : `${l!.items.length} items@${s.now()}`));
    s.advance(45_000);
    expect(answers).toEqual(["1 items@11000", "ConnectionLost@56000"]);
  });
});

describe("find more — the DELETE answer of a pod removed at once", () => {
  it("is the pod with its deletion stamp (grace 0, generation bumped, the new RV), as the pod registry returns the last object written (store.go updateForGracefulDeletionAndFinalizers; ReturnDeletedObject)", () => {
    const { server } = setup();
    const p = server.create<Pod>("pods", pod("a"));
    const answer = server.delete("pods", "default", "a", { gracePeriodSeconds: 30 }) as Pod;   // unbound ⇒ grace 0
    expect(answer.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(answer.metadata.deletionTimestamp).toBeDefined();
    expect(answer.metadata.generation).toBe(2);
    expect(Number(answer.metadata.resourceVersion)).toBe(Number(p.metadata.resourceVersion) + 1);
    server.create("pods", bound("b"));
    expect((server.delete("pods", "default", "b") as Pod).metadata.deletionGracePeriodSeconds).toBe(30);
    expect((server.delete("pods", "default", "b", { gracePeriodSeconds: 0 }) as Pod).metadata.deletionGracePeriodSeconds).toBe(0);
  });
});
