import { describe, expect, it } from "vitest";
import { isAlreadyExists, isConflict, isInvalid, isNotFound, type ConfigMap, type Pod } from "../../../src/index.js";
import { errorOf, pod, setup, watch, withLabels } from "./helpers.js";

describe("ApiServer writes", () => {
  it("create stamps uid, creationTimestamp, generation 1, kind/apiVersion and the next global RV", () => {
    const { s, server } = setup();
    s.advance(5_000);
    const a = server.create("pods", pod("a"));
    const cm = server.create<ConfigMap>("configmaps", { metadata: { name: "c", namespace: "default" }, data: { k: "v" } });
    expect(a.metadata.resourceVersion).toBe("1");
    expect(cm.metadata.resourceVersion).toBe("2");          // one revision shared by all resources
    expect(a.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.metadata.uid).not.toBe(cm.metadata.uid);
    expect(a.metadata.creationTimestamp).toBe("2025-01-01T00:00:05Z");
    expect(a.metadata.generation).toBe(1);
    expect(cm.metadata.generation).toBeUndefined();          // ConfigMaps do not use generation
    expect(a.kind).toBe("Pod");
    expect(a.apiVersion).toBe("v1");
    expect(server.get<Pod>("pods", "default", "a")).toBe(a);
  });

  it("create with an existing name is 409 AlreadyExists and changes nothing", () => {
    const { server } = setup();
    server.create("pods", pod("a"));
    const e = errorOf(() => server.create("pods", pod("a")));
    expect(e.code).toBe(409);
    expect(isAlreadyExists(e)).toBe(true);
    expect(e.message).toBe('pods "a" already exists');
    expect(server.currentResourceVersion()).toBe("1");
  });

  it("generateName appends 5 random [a-z0-9] characters, deterministically per seed", () => {
    const names = [1, 1, 2].map((seed) => {
      const { server } = setup({}, seed);
      return server.create("pods", { metadata: { name: "", generateName: "web-" } }).metadata.name;
    });
    expect(names[0]).toMatch(/^web-[a-z0-9]{5}$/);
    expect(names[0]).toBe(names[1]);
    expect(names[2]).not.toBe(names[0]);
  });

  it("a missing name is 422 Invalid", () => {
    const { server } = setup();
    const e = errorOf(() => server.create("pods", { metadata: { name: "" } }));
    expect(e.code).toBe(422);
    expect(isInvalid(e)).toBe(true);
    expect(server.currentResourceVersion()).toBe("0");
  });

  it("update with a stale RV is 409 Conflict with the real message", () => {
    const { server } = setup();
    const a = server.create("pods", pod("a"));
    server.update("pods", withLabels(a, { x: "1" }));
    const e = errorOf(() => server.update("pods", withLabels(a, { x: "2" })));
    expect(isConflict(e)).toBe(true);
    expect(e.message).toBe('Operation cannot be fulfilled on pods "a": the object has been modified; please apply your changes to the latest version and try again');
  });

  it("get/update/delete of a missing object are 404 NotFound", () => {
    const { server } = setup();
    expect(isNotFound(errorOf(() => server.get("pods", "default", "nope")))).toBe(true);
    expect(errorOf(() => server.get("pods", "default", "nope")).message).toBe('pods "nope" not found');
    expect(isNotFound(errorOf(() => server.update("pods", pod("nope"))))).toBe(true);
    expect(isNotFound(errorOf(() => server.delete("pods", "default", "nope")))).toBe(true);
  });

  it("cluster-scoped resources have no namespace", () => {
    const { server } = setup();
    const n = server.create("nodes", { metadata: { name: "n1", namespace: "default" } });
    expect(n.metadata.namespace).toBeUndefined();
    expect(server.get("nodes", undefined, "n1")).toBe(n);
    expect(server.list("nodes", { namespace: "x" }).items).toHaveLength(1);
  });
});

describe("ApiServer list and watch basics", () => {
  it("lists with the collection RV and watches from it", () => {
    const { s, server } = setup();
    server.create("pods", pod("a"));
    const list = server.list("pods");
    expect(list.kind).toBe("PodList");
    expect(list.metadata.resourceVersion).toBe("1");
    const { sink } = watch(server, s, { resourceVersion: list.metadata.resourceVersion });
    server.create("pods", pod("b"));
    expect(sink.events).toHaveLength(0);                    // nothing synchronous reaches a watcher
    s.flush();
    expect(sink.types()).toEqual(["ADDED b"]);
  });

  it("a watch without RV starts with synthetic ADDED for every object", () => {
    const { s, server } = setup();
    server.create("pods", pod("a"));
    server.create("pods", pod("b"));
    const { sink } = watch(server, s, {});
    s.flush();
    expect(sink.types().sort()).toEqual(["ADDED a", "ADDED b"]);
  });
});
