/** The informer in atomic in-order mode (fifo: "realAtomic", spec §5.3): §12.D 68/69 again, plus SyncAll and Bookmark. */
import { describe, expect, it } from "vitest";
import { pod } from "../../unit/informer/fakes.js";
import { harness } from "../../unit/informer/harness.js";

describe("atomic in-order mode (realAtomic)", () => {
  it("69 (atomic): ReplacedAll — deletes first, then updates and adds in list order; cache = the new list", () => {
    const t = harness({ fifo: "realAtomic", pods: [pod("pod-1", 1), pod("pod-2", 2), pod("pod-3", 3)] });
    t.informer.addEventHandler(t.handler("h"));
    t.run();
    t.scheduler.flush();
    expect(t.seen.map((s) => `${s.type} ${s.name} ${s.initial}`)).toEqual(["add pod-1 true", "add pod-2 true", "add pod-3 true"]);
    expect(t.informer.hasSynced()).toBe(true);
    t.state.clear();
    t.state.set("pod-1", pod("pod-1", 4));
    t.state.set("pod-2", pod("pod-2", 5));
    t.state.set("pod-4", pod("pod-4", 6));
    t.lw.last.error(410, "Expired");
    t.scheduler.advance(2000);
    expect(t.seen.slice(3).map((s) => `${s.type} ${s.name}@${s.rv}${s.tombstone ? " T" : ""}`)).toEqual([
      "delete pod-3@3 T", "update pod-1@4", "update pod-2@5", "add pod-4@6",
    ]);
    expect(t.informer.getStore().listKeys().sort()).toEqual(["ns/pod-1", "ns/pod-2", "ns/pod-4"]);
    expect(t.recorder.events.filter((e) => e.kind === "indexer.replace")).toHaveLength(2);
  });

  it("68 (atomic): reset watch ⇒ exactly one update and one add, not initial", () => {
    const t = harness({ fifo: "realAtomic", pods: [pod("pod-1", 1)] });
    t.informer.addEventHandler(t.handler("h"));
    t.run();
    t.scheduler.flush();
    t.server.put("pod-1");
    t.server.put("pod-2");
    t.lw.last.error(410, "Expired");
    t.scheduler.advance(2000);
    expect(t.seen.slice(1).map((s) => [s.type, s.name, s.initial ?? false])).toEqual([["update", "pod-1", false], ["add", "pod-2", false]]);
  });

  it("SyncAll is a same-RV update for every cached object, only to syncing listeners; bookmarks move the store RV", () => {
    const t = harness({ fifo: "realAtomic", resyncPeriodMs: 1000, pods: [pod("a", 1), pod("b", 2)] });
    t.informer.addEventHandlerWithResyncPeriod(t.handler("R"), 1000);
    t.informer.addEventHandlerWithResyncPeriod(t.handler("N"), 0);
    t.run();
    t.scheduler.flush();
    expect(t.informer.lastStoreSyncResourceVersion()).toBe("2");
    t.scheduler.advance(1000);
    expect(t.seen.filter((s) => s.t === 1000).map((s) => `${s.h} ${s.type} ${s.name}@${s.rv}<-${s.oldRv}`))
      .toEqual(["R update a@1<-1", "R update b@2<-2"]);
    t.lw.last.event("BOOKMARK", { kind: "Pod", metadata: { name: "", resourceVersion: "9" } });
    t.scheduler.flush();
    expect(t.informer.lastStoreSyncResourceVersion()).toBe("9");
    t.lw.last.event("ADDED", pod("c", 10));
    t.scheduler.flush();
    expect(t.informer.lastStoreSyncResourceVersion()).toBe("10");
    expect(t.of("N")).toEqual(["add a@1", "add b@2", "add c@10"]);
  });
});
