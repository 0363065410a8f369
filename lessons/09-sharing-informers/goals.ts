/** Lesson 09 goals: one shared informer, a late handler that gets the cache as initial adds, one fan-out. */
import { events, fail, goal, linesDuring, nameOf, pass, type Goal } from "../_lib/goal-kit.js";

/** The pod the scenario creates while both handlers are registered (web-9 on the first seed). */
function createdLate(run: Parameters<Goal["check"]>[0]) {
  const late = events(run, "processor.listenerAdded").at(-1);
  return events(run, "server.write", (e) => e.resource === "pods" && e.type === "ADDED" && late !== undefined && e.seq > late.seq)[0];
}

const oneInformer: Goal = goal({
  id: "one-informer",
  title: {
    en: "Both components get the pod informer from one `SharedInformerFactory`: exactly one informer starts, so exactly one initial pods LIST (`reflector.list.start` from resourceVersion \"0\")",
    "zh-CN": "两个组件都从同一个 `SharedInformerFactory` 获取 Pod Informer：只启动一个 Informer，所以恰好一次 Pod 的初始 LIST（从 resourceVersion \"0\" 开始的 `reflector.list.start`）",
  },
  check(run) {
    // Every informer starts with one LIST from "0"; relists after a fault never use "0", so they do not count.
    const initial = events(run, "reflector.list.start", (e) => e.resourceVersion === "0");
    if (initial.length === 0) return fail("No informer ever listed pods: start the factory.");
    if (initial.length > 1) return fail(`${initial.length} informers listed pods from scratch: a second informer was created (one factory per component?).`, initial[1]!.seq);
    return pass;
  },
});

const lateInitialAdds: Goal = goal({
  id: "late-initial-adds",
  title: {
    en: "The handler added late with `addEventHandler` logs `late add <name> initial=true` for every cached pod and `late add <name> initial=false` for the pod created at 8 s (web-9)",
    "zh-CN": "用 `addEventHandler` 晚注册的处理函数，对每个已缓存的 Pod 打印 `late add <name> initial=true`，并对 8 秒时创建的 Pod（web-9）打印 `late add <name> initial=false`",
  },
  check(run) {
    const synced = events(run, "reflector.list.done")[0];
    if (synced === undefined) return fail("The informer never listed: start the factory.");
    const late = events(run, "processor.listenerAdded", (e) => e.seq > synced.seq).at(-1);
    if (late === undefined) return fail("No handler was added after the informer had listed: register the late handler after waitForCacheSync.");
    const cached = new Set<string>();
    for (const w of events(run, "indexer.write", (e) => e.seq < late.seq && e.name === late.name)) {
      if (w.op === "delete") cached.delete(w.key); else cached.add(w.key);
    }
    const calls = events(run, "handler.called", (e) => e.seq > late.seq && e.name === late.name && e.listener === late.listener && e.notification === "add");
    for (const key of cached) {
      const call = calls.find((c) => c.key === key && c.isInInitialList === true);
      if (call === undefined) return fail(`${key} was in the cache when the late handler arrived, but it got no initial add for it.`, late.seq);
      const want = `late add ${nameOf(key)} initial=true`;
      if (!linesDuring(run, call).includes(want)) return fail(`Expected "${want}" for this initial add.`, call.seq);
    }
    const created = createdLate(run);
    if (created === undefined) return fail("No pod was created after the late handler registered (unexpected).");
    const web9 = calls.find((c) => c.key === created.key);
    if (web9 === undefined) return fail(`The late handler never received ${nameOf(created.key)}, created at ${created.time / 1000} s.`, created.seq);
    const want = `late add ${nameOf(created.key)} initial=false`;
    if (!linesDuring(run, web9).includes(want)) return fail(`Expected "${want}" for the pod created at ${created.time / 1000} s.`, web9.seq);
    return pass;
  },
});

const sharedDelivery: Goal = goal({
  id: "shared-delivery",
  title: {
    en: "The pod created at 8 s (`web-9`) reaches both handlers through one `processor.distribute` to two listeners",
    "zh-CN": "8 秒时创建的 Pod（`web-9`）通过一次发给两个 listener 的 `processor.distribute` 到达两个处理函数",
  },
  check(run) {
    const created = createdLate(run);
    if (created === undefined) return fail("No pod was created after the late handler registered: register it before 8 s.");
    const name = nameOf(created.key);
    const fanOut = events(run, "processor.distribute", (e) => e.key === created.key && e.notification === "add");
    if (fanOut.length === 0) return fail(`${name} never reached an informer's processor.`, created.seq);
    if (fanOut.length > 1) return fail(`${name} was distributed ${fanOut.length} times: each informer has its own copy of it.`, fanOut[1]!.seq);
    if (fanOut[0]!.listeners.length !== 2) return fail(`${name} went to ${fanOut[0]!.listeners.length} listener(s); both handlers should share the informer.`, fanOut[0]!.seq);
    return pass;
  },
});

export default { goals: [oneInformer, lateInitialAdds, sharedDelivery], seeds: 3 };
