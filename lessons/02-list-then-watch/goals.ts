/** Lesson 02 goals: the learner's own LIST, isInInitialList, and the RV the watch starts from. */
import { defineMessages, events, fail, goal, learnerRequests, linesDuring, nameOf, pass, type Goal } from "../_lib/goal-kit.js";

const M = defineMessages("list-then-watch", {
  noOwnList: {
    en: "Your code never listed pods through the clientset (no LIST request from your program).",
    "zh-CN": "你的代码从未通过 clientset LIST 过 Pod（你的程序没有发出任何 LIST 请求）。",
  },
  listRv: {
    en: "Your LIST was answered at step {step} with resourceVersion {rv}; expected a log line \"{want}\"; the lines starting with \"list\" are {saw}.",
    "zh-CN": "第 {step} 步，你的 LIST 得到的响应的 resourceVersion 是 {rv}；应打印“{want}”，日志里以“list”开头的行是：{saw}。",
  },
  noAdd: {
    en: "No add notification reached your handler.",
    "zh-CN": "没有任何 add 通知到达你的处理函数。",
  },
  addLine: {
    en: "`addFunc` for {key} (step {step}, isInInitialList={initial}) should log \"{want}\"; it logged {saw}.",
    "zh-CN": "第 {step} 步，`addFunc` 处理 {key}（isInInitialList={initial}）时应打印“{want}”，实际打印的是：{saw}。",
  },
  bothSources: {
    en: "The run should contain adds from both the initial LIST and the WATCH.",
    "zh-CN": "本次运行应当既有来自初始 LIST 的 add，也有来自 WATCH 的 add。",
  },
  noWatch: {
    en: "The informer never opened a watch: did you start the factory?",
    "zh-CN": "Informer 从未打开 watch：你启动工厂了吗？",
  },
  noSyncedLine: {
    en: "No \"synced at rv=\" line; the watch started from resourceVersion {rv}.",
    "zh-CN": "日志里没有“synced at rv=”行；watch 是从 resourceVersion {rv} 开始的。",
  },
  wrongSynced: {
    en: "Logged \"{line}\" at step {step}, but the informer's `lastSyncResourceVersion()` was {rv} then: its own LIST (step {listStep}) answered with {listRv}. Your LIST is another snapshot, taken at another moment.",
    "zh-CN": "第 {step} 步打印了“{line}”，但那时 Informer 的 `lastSyncResourceVersion()` 是 {rv}：它自己的 LIST（第 {listStep} 步）返回的是 {listRv}。你的 LIST 是另一个时刻的另一份快照。",
  },
  tooEarly: {
    en: "You logged \"{line}\" at step {step}, before the initial list was processed (step {synced}): wait for cache sync first.",
    "zh-CN": "你在第 {step} 步打印了“{line}”，早于初始列表处理完毕（第 {synced} 步）：请先等待缓存同步。",
  },
  fixedSleep: {
    en: "The informer had synced at {syncedAt} but \"synced at\" came at {at} (step {step}): wait with `cache.waitForCacheSync` (it checks every 100 ms) instead of a fixed sleep.",
    "zh-CN": "Informer 在 {syncedAt}时已经同步，而“synced at”在 {at}才出现（第 {step} 步）：请用 `cache.waitForCacheSync` 等待（它每 100 毫秒检查一次），不要用固定的 sleep。",
  },
});

const listRv: Goal = goal({
  id: "list-rv",
  title: {
    en: "Log `list rv=<RV>` with the `metadata.resourceVersion` of your own `clientset.coreV1().pods().list()` response",
    "zh-CN": "用你自己调用 `clientset.coreV1().pods().list()` 的响应中的 `metadata.resourceVersion` 打印 `list rv=<RV>`",
  },
  check(run) {
    const learnerLists = new Set(learnerRequests(run).filter((e) => e.verb === "list").map((e) => e.requestId));
    const reply = events(run, "server.response", (e) => learnerLists.has(e.requestId) && e.code === 200)[0];
    if (reply === undefined) return fail(M.noOwnList());
    const want = `list rv=${reply.resourceVersion ?? ""}`;
    if (!run.log.some((l) => l.text === want)) {
      const related = run.log.filter((l) => /^list\b/i.test(l.text)).map((l) => l.text);
      return fail(M.listRv({ step: reply.seq, rv: reply.resourceVersion ?? "", want, saw: { lines: related } }), reply.seq);
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
    if (adds.length === 0) return fail(M.noAdd());
    let sawList = false;
    let sawWatch = false;
    for (const call of adds) {
      const from = call.isInInitialList === true ? "LIST" : "WATCH";
      if (from === "LIST") sawList = true; else sawWatch = true;
      const want = `${from} add ${nameOf(call.key)} rv=${call.resourceVersion}`;
      const lines = linesDuring(run, call);
      if (!lines.includes(want)) {
        return fail(M.addLine({ key: call.key, step: call.seq, initial: call.isInInitialList === true, want, saw: { lines } }), call.seq);
      }
    }
    if (!sawList || !sawWatch) return fail(M.bothSources());
    return pass;
  },
});

const syncedRv: Goal = goal({
  id: "synced-rv",
  title: {
    en: "After `cache.waitForCacheSync`, log `synced at rv=<RV>` with `lastSyncResourceVersion()`: the informer's own LIST's resourceVersion, where its WATCH starts",
    "zh-CN": "`cache.waitForCacheSync` 之后，用 `lastSyncResourceVersion()` 打印 `synced at rv=<RV>`：即 Informer 自己那次 LIST 的 resourceVersion，也是它的 WATCH 开始的地方",
  },
  check(run) {
    const watch = events(run, "reflector.watch.start")[0];
    if (watch === undefined) return fail(M.noWatch());
    const line = run.log.find((l) => l.text.startsWith("synced at rv="));
    if (line === undefined) return fail(M.noSyncedLine({ rv: watch.resourceVersion }));
    // What lastSyncResourceVersion() returned then: the informer's LIST, moved on by each watch event.
    const listed = events(run, "reflector.list.done", (e) => e.name === watch.name && e.seq < line.step)[0];
    const lastSync = events(run, "reflector.rv", (e) => e.name === watch.name && e.seq < line.step).at(-1);
    const rv = lastSync?.resourceVersion ?? listed?.resourceVersion ?? watch.resourceVersion;
    if (line.text !== `synced at rv=${rv}`) {
      return fail(M.wrongSynced({ line: line.text, step: line.step, rv, listRv: listed?.resourceVersion ?? watch.resourceVersion,
        listStep: listed?.seq ?? watch.seq }), line.step);
    }
    const synced = events(run, "fifo.popped", (e) => e.isInInitialList).at(-1);
    if (synced !== undefined && line.step < synced.seq) {
      return fail(M.tooEarly({ line: line.text, step: line.step, synced: synced.seq }), line.step);
    }
    // cache.waitForCacheSync checks at once, then every 100 ms: its caller resumes within 100 ms of the
    // informer's sync. A fixed sleep lands elsewhere (the server's latency and the pod count vary by seed).
    const syncedAt = synced?.time ?? events(run, "reflector.list.done")[0]?.time;
    if (syncedAt !== undefined && line.time - syncedAt > 100) {
      return fail(M.fixedSleep({ syncedAt: { ms: syncedAt }, at: { ms: line.time }, step: line.step }), line.step);
    }
    return pass;
  },
});

export default { goals: [listRv, initialVsWatch, syncedRv], seeds: 3 };
