/** Lesson 02 goals: the learner's own LIST, isInInitialList, and the RV the watch starts from. */
import { events, fail, goal, learnerRequests, linesDuring, nameOf, pass, type Goal } from "../_lib/goal-kit.js";

const listRv: Goal = goal({
  id: "list-rv",
  title: {
    en: "Log `list rv=<RV>` with the `metadata.resourceVersion` of your own `clientset.coreV1().pods().list()` response",
    "zh-CN": "用你自己调用 `clientset.coreV1().pods().list()` 的响应中的 `metadata.resourceVersion` 打印 `list rv=<RV>`",
  },
  check(run) {
    const learnerLists = new Set(
      learnerRequests(run).filter((e) => e.verb === "list").map((e) => e.requestId),
    );
    const reply = events(run, "server.response", (e) => learnerLists.has(e.requestId) && e.code === 200)[0];
    if (reply === undefined) return fail("Your code never listed pods through the clientset (no LIST request from your program).");
    const want = `list rv=${reply.resourceVersion ?? ""}`;
    if (!run.log.some((l) => l.text === want)) {
      return fail(`The LIST answered with resourceVersion ${reply.resourceVersion}; expected a log line "${want}".`, reply.seq);
    }
    return pass;
  },
});

const initialVsWatch: Goal = goal({
  id: "initial-vs-watch",
  title: {
    en: "In `addFunc`, log `LIST add <name> rv=<RV>` when `isInInitialList` is true and `WATCH add <name> rv=<RV>` otherwise",
    "zh-CN": "在 `addFunc` 中，`isInInitialList` 为 true 时打印 `LIST add <name> rv=<RV>`，否则打印 `WATCH add <name> rv=<RV>`",
  },
  check(run) {
    const adds = events(run, "handler.called", (e) => e.notification === "add" && e.listener === 0);
    if (adds.length === 0) return fail("No add notification reached your handler.");
    let sawList = false;
    let sawWatch = false;
    for (const call of adds) {
      const from = call.isInInitialList === true ? "LIST" : "WATCH";
      if (from === "LIST") sawList = true; else sawWatch = true;
      const want = `${from} add ${nameOf(call.key)} rv=${call.resourceVersion}`;
      if (!linesDuring(run, call).includes(want)) {
        return fail(`addFunc for ${call.key} (isInInitialList=${call.isInInitialList === true}) should log "${want}".`, call.seq);
      }
    }
    if (!sawList || !sawWatch) return fail("The run should contain adds from both the initial LIST and the WATCH.");
    return pass;
  },
});

const syncedRv: Goal = goal({
  id: "synced-rv",
  title: {
    en: "After `cache.waitForCacheSync`, log `synced at rv=<RV>` with `lastSyncResourceVersion()`: the resourceVersion the WATCH starts from",
    "zh-CN": "`cache.waitForCacheSync` 之后，用 `lastSyncResourceVersion()` 打印 `synced at rv=<RV>`：即 WATCH 开始时的 resourceVersion",
  },
  check(run) {
    const watch = events(run, "reflector.watch.start")[0];
    if (watch === undefined) return fail("The informer never opened a watch: did you start the factory?");
    const line = run.log.find((l) => l.text.startsWith("synced at rv="));
    if (line === undefined) return fail(`No "synced at rv=" line; the watch started from resourceVersion ${watch.resourceVersion}.`);
    if (line.text !== `synced at rv=${watch.resourceVersion}`) {
      return fail(`Logged "${line.text}" but the WATCH started from resourceVersion ${watch.resourceVersion}.`, line.step);
    }
    const synced = events(run, "fifo.popped", (e) => e.isInInitialList).at(-1);
    if (synced !== undefined && line.step < synced.seq) {
      return fail("You logged before the initial list was processed: wait for cache sync first.", line.step);
    }
    // cache.waitForCacheSync checks at once, then every 100 ms: its caller resumes within 100 ms of the
    // informer's sync. A fixed sleep lands elsewhere (the server's latency and the pod count vary by seed).
    const syncedAt = synced?.time ?? events(run, "reflector.list.done")[0]?.time;
    if (syncedAt !== undefined && line.time - syncedAt > 100) {
      return fail(`The informer had synced at ${syncedAt} ms but "synced at" came at ${line.time} ms: ` +
        "wait with cache.waitForCacheSync (it checks every 100 ms) instead of a fixed sleep.", line.step);
    }
    return pass;
  },
});

export default { goals: [listRv, initialVsWatch, syncedRv], seeds: 3 };
