/** Lesson 09 goals: one shared informer, a late handler that gets the cache as initial adds, one fan-out. */
import { defineMessages, events, fail, goal, linesDuring, nameOf, pass, type Goal } from "../_lib/goal-kit.js";

const M = defineMessages("sharing-informers", {
  noList: {
    en: "No informer ever listed pods: start the factory.",
    "zh-CN": "没有任何 Informer LIST 过 Pod：请启动工厂。",
  },
  twoInformers: {
    en: "{count} informers listed pods from scratch (the second at step {step}): a second informer was created (one factory per component?).",
    "zh-CN": "有 {count} 个 Informer 从头 LIST 了 Pod（第二个在第 {step} 步）：多创建了一个 Informer（是不是每个组件各用了一个工厂？）。",
  },
  neverListed: {
    en: "The informer never listed: start the factory.",
    "zh-CN": "Informer 从未 LIST：请启动工厂。",
  },
  noLateHandler: {
    en: "No handler was added after the informer had listed (step {step}): register the late handler after `waitForCacheSync`.",
    "zh-CN": "Informer 完成 LIST（第 {step} 步）之后没有添加任何处理函数：请在 `waitForCacheSync` 之后注册晚到的处理函数。",
  },
  noInitialAdd: {
    en: "{key} was in the cache when the late handler arrived (step {step}), but it got no initial add for it.",
    "zh-CN": "晚到的处理函数注册时（第 {step} 步）{key} 已在缓存中，但它没有收到这个 Pod 的初始 add。",
  },
  lateLine: {
    en: "The late handler's `addFunc` for {key} (step {step}) should log \"{want}\"; it logged {saw}.",
    "zh-CN": "第 {step} 步，晚到的处理函数的 `addFunc` 处理 {key} 时应打印“{want}”，实际打印的是：{saw}。",
  },
  noLateCreate: {
    en: "No pod was created after the late handler registered (unexpected).",
    "zh-CN": "晚到的处理函数注册之后没有创建任何 Pod（这不应该发生）。",
  },
  neverReceived: {
    en: "The late handler never received {name}, created at {at} (step {step}).",
    "zh-CN": "晚到的处理函数从未收到 {name}（它在 {at}时创建，第 {step} 步）。",
  },
  registerBefore: {
    en: "No pod was created after the late handler registered: register it before 8 s.",
    "zh-CN": "晚到的处理函数注册之后没有创建任何 Pod：请在 8 秒之前注册它。",
  },
  neverProcessed: {
    en: "{name} never reached an informer's processor (created at step {step}).",
    "zh-CN": "{name}（第 {step} 步创建）从未到达任何 Informer 的 processor。",
  },
  distributedTwice: {
    en: "{name} was distributed {count} times (again at step {step}): each informer has its own copy of it.",
    "zh-CN": "{name} 被分发了 {count} 次（第 {step} 步又一次）：每个 Informer 都有它自己的一份副本。",
  },
  fewListeners: {
    en: "{name} went to {count} listener(s) at step {step}; both handlers should share the informer.",
    "zh-CN": "第 {step} 步，{name} 只发给了 {count} 个 listener；两个处理函数应当共享同一个 Informer。",
  },
});

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
    if (initial.length === 0) return fail(M.noList());
    if (initial.length > 1) return fail(M.twoInformers({ count: initial.length, step: initial[1]!.seq }), initial[1]!.seq);
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
    if (synced === undefined) return fail(M.neverListed());
    const late = events(run, "processor.listenerAdded", (e) => e.seq > synced.seq).at(-1);
    if (late === undefined) return fail(M.noLateHandler({ step: synced.seq }));
    const cached = new Set<string>();
    for (const w of events(run, "indexer.write", (e) => e.seq < late.seq && e.name === late.name)) {
      if (w.op === "delete") cached.delete(w.key); else cached.add(w.key);
    }
    const calls = events(run, "handler.called", (e) => e.seq > late.seq && e.name === late.name && e.listener === late.listener && e.notification === "add");
    for (const key of cached) {
      const call = calls.find((c) => c.key === key && c.isInInitialList === true);
      if (call === undefined) return fail(M.noInitialAdd({ key, step: late.seq }), late.seq);
      const want = `late add ${nameOf(key)} initial=true`;
      const lines = linesDuring(run, call);
      if (!lines.includes(want)) return fail(M.lateLine({ key, step: call.seq, want, saw: { lines } }), call.seq);
    }
    const created = createdLate(run);
    if (created === undefined) return fail(M.noLateCreate());
    const web9 = calls.find((c) => c.key === created.key);
    if (web9 === undefined) return fail(M.neverReceived({ name: nameOf(created.key), at: { ms: created.time }, step: created.seq }), created.seq);
    const want = `late add ${nameOf(created.key)} initial=false`;
    const lines = linesDuring(run, web9);
    if (!lines.includes(want)) return fail(M.lateLine({ key: created.key, step: web9.seq, want, saw: { lines } }), web9.seq);
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
    if (created === undefined) return fail(M.registerBefore());
    const name = nameOf(created.key);
    const fanOut = events(run, "processor.distribute", (e) => e.key === created.key && e.notification === "add");
    if (fanOut.length === 0) return fail(M.neverProcessed({ name, step: created.seq }), created.seq);
    if (fanOut.length > 1) return fail(M.distributedTwice({ name, count: fanOut.length, step: fanOut[1]!.seq }), fanOut[1]!.seq);
    if (fanOut[0]!.listeners.length !== 2) return fail(M.fewListeners({ name, count: fanOut[0]!.listeners.length, step: fanOut[0]!.seq }), fanOut[0]!.seq);
    return pass;
  },
});

export default { goals: [oneInformer, lateInitialAdds, sharedDelivery], seeds: 3 };
