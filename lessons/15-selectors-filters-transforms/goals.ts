import { type Goal, type Pod, type RunResult, type TraceKind } from "../../src/index.js";
import { defineMessages, events, fail, goal, linesDuring, pass, type Ev } from "../_lib/goal-kit.js";

const M = defineMessages("selectors-filters-transforms", {
  noListWatch: {
    en: "No informer ever listed or watched pods.",
    "zh-CN": "没有任何 Informer LIST 或 WATCH 过 Pod。",
  },
  wrongSelector: {
    en: "The pod {verb} at step {step} was sent with labelSelector \"{selector}\" (expected \"tier=frontend\").",
    "zh-CN": "第 {step} 步发出的 Pod {verb} 请求带的 labelSelector 是“{selector}”（应为“tier=frontend”）。",
  },
  strayInCache: {
    en: "{key} entered the cache at step {step} without tier=frontend.",
    "zh-CN": "{key} 在第 {step} 步进入缓存，但它没有 tier=frontend。",
  },
  notRelabelled: {
    en: "fe-1 was never relabelled (scenario problem).",
    "zh-CN": "fe-1 从未被改标签（场景的问题）。",
  },
  noWatchDelete: {
    en: "After fe-1 was relabelled (step {step}) no watch delivered DELETED for it: is the informer using the label selector?",
    "zh-CN": "fe-1 被改标签（第 {step} 步）之后，没有任何 watch 为它送来 DELETED：Informer 用了标签选择器吗？",
  },
  noDeleteCall: {
    en: "fe-1's DELETED (step {step}) never reached a `deleteFunc` as an object.",
    "zh-CN": "fe-1 的 DELETED（第 {step} 步）从未以对象的形式到达 `deleteFunc`。",
  },
  noOutLine: {
    en: "`deleteFunc` for default/fe-1 (step {step}) should log \"out: fe-1\"; it logged {saw}, and no such line came after the DELETED.",
    "zh-CN": "第 {step} 步，`deleteFunc` 处理 default/fe-1 时应打印“out: fe-1”，实际打印的是：{saw}；DELETED 之后也没有出现这一行。",
  },
  missingMonitorLine: {
    en: "No \"{want}\" line after step {step}, where the cache's copy changed.",
    "zh-CN": "缓存里的副本在第 {step} 步发生了变化，但之后没有“{want}”这一行。",
  },
  extraMonitorLine: {
    en: "\"{line}\" (step {step}) does not match any change of a frontend pod's monitor label.",
    "zh-CN": "“{line}”（第 {step} 步）对应不上任何 frontend Pod 的 monitor 标签变化。",
  },
});

type At<K extends TraceKind> = Ev<K>;

const SELECTOR = "tier=frontend";
const isFrontend = (p: Pod | undefined) => p?.metadata.labels?.["tier"] === "frontend";

const goals: Goal[] = [
  goal({
    id: "label-selector",
    title: {
      en: "Ask for less (`tweakListOptions`, `labelSelector`): every pod list and watch carries `tier=frontend`, and the indexer only ever holds frontend pods",
      "zh-CN": "少要一点（`tweakListOptions`、`labelSelector`）：每次 Pod 的 list 和 watch 都带着 `tier=frontend`，Indexer 里也只有 frontend Pod",
    },
    check(run) {
      const requests = events(run, "server.request").filter((r) =>
        r.resource === "pods" && (r.verb === "list" || r.verb === "watch") && (r.client ?? "").startsWith("reflector"));
      if (requests.length === 0) return fail(M.noListWatch());
      const bad = requests.find((r) => r.labelSelector !== SELECTOR);
      if (bad) return fail(M.wrongSelector({ verb: bad.verb.toUpperCase(), step: bad.seq, selector: bad.labelSelector ?? "" }), bad.seq);
      const stray = events(run, "indexer.write").find((w) => w.op !== "delete" && !isFrontend(w.object as Pod | undefined));
      return stray ? fail(M.strayInCache({ key: stray.key, step: stray.seq }), stray.seq) : pass;
    },
  }),
  goal({
    id: "leaving-is-deleted",
    title: {
      en: "Leaving the selector arrives as DELETED: `fe-1`, relabelled to backend, reaches your `deleteFunc` (a real object, not a tombstone) and you log `out: fe-1`",
      "zh-CN": "离开选择器以 DELETED 到达：被改标签为 backend 的 `fe-1` 进入你的 `deleteFunc`（真实对象而不是墓碑），并打印 `out: fe-1`",
    },
    check(run) {
      const relabel = events(run, "server.write").find((w) => w.key === "default/fe-1" && w.type === "MODIFIED" && !isFrontend(w.object as Pod));
      if (!relabel) return fail(M.notRelabelled());
      const watchDelete = events(run, "server.watch.event").find((e) => e.seq > relabel.seq && e.key === "default/fe-1" && e.type === "DELETED");
      if (!watchDelete) return fail(M.noWatchDelete({ step: relabel.seq }), relabel.seq);
      const called = events(run, "handler.called").find((h) => h.seq > watchDelete.seq && h.key === "default/fe-1" && h.notification === "delete");
      if (!called || called.tombstone) return fail(M.noDeleteCall({ step: watchDelete.seq }), watchDelete.seq);
      const line = run.log.find((l) => l.text.trim() === "out: fe-1" && l.step > watchDelete.seq);
      return line ? pass : fail(M.noOutLine({ step: called.seq, saw: { lines: linesDuring(run, called) } }), called.seq);
    },
  }),
  goal({
    id: "filtering-handler",
    title: {
      en: "React to less (`FilteringResourceEventHandler`): `monitor: <name>` once each time a cached frontend pod gains `monitor=true`, `unmonitor: <name>` once each time one loses it or leaves, tombstones included (`cache.DeletedFinalStateUnknown`)",
      "zh-CN": "少响应一点（`FilteringResourceEventHandler`）：缓存中的 frontend Pod 每次获得 `monitor=true` 时打印一次 `monitor: <name>`，每次失去它或离开时打印一次 `unmonitor: <name>`，墓碑也包括在内（`cache.DeletedFinalStateUnknown`）",
    },
    check(run) {
      // From the cache's writes (what the informer saw; a relist may skip states): every time a pod
      // enters or leaves "frontend and monitor=true".
      const inside = new Map<string, boolean>();
      const expected: Array<{ text: string; seq: number }> = [];
      for (const w of events(run, "indexer.write")) {
        if (w.name !== "pods") continue;
        const p = w.object as Pod | undefined;
        const now = w.op !== "delete" && isFrontend(p) && p?.metadata.labels?.["monitor"] === "true";
        const was = inside.get(w.key) ?? false;
        if (now !== was) expected.push({ text: `${now ? "monitor" : "unmonitor"}: ${w.key.slice(w.key.indexOf("/") + 1)}`, seq: w.seq });
        inside.set(w.key, now);
      }
      const lines = run.log.filter((l) => /^(un)?monitor: /.test(l.text));
      const used = new Set<number>();
      for (const e of expected) {
        const line = lines.find((l, i) => !used.has(i) && l.text.trim() === e.text && l.step > e.seq);
        if (!line) return fail(M.missingMonitorLine({ want: e.text, step: e.seq }), e.seq);
        used.add(lines.indexOf(line));
      }
      const extra = lines.find((_, i) => !used.has(i));
      return extra ? fail(M.extraMonitorLine({ line: extra.text, step: extra.step }), extra.step) : pass;
    },
  }),
];

export default { goals, seeds: 3 };
