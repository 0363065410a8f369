import { type Goal, type RunResult, type TraceKind } from "../../src/index.js";
import { callbackOf, callOf, defineMessages, events, fail, goal, pass, type Ev } from "../_lib/goal-kit.js";

const M = defineMessages("chaos-lab", {
  rvDiffers: {
    en: "{key}: the server ends at resourceVersion {rv}, the cache at {cached}.",
    "zh-CN": "{key}：服务器上最终的 resourceVersion 是 {rv}，缓存里是 {cached}。",
  },
  missing: { en: "nothing (missing)", "zh-CN": "（不存在）" },
  stillCached: {
    en: "{key} is still cached but gone from the server.",
    "zh-CN": "{key} 已从服务器上消失，却仍在缓存中。",
  },
  neverReachedDelete: {
    en: "{key} was deleted during the partition but never reached `deleteFunc` after the heal (step {step}).",
    "zh-CN": "{key} 在网络分区期间被删除，但恢复（第 {step} 步）之后始终没有到达 `deleteFunc`。",
  },
  noPartitionDelete: {
    en: "No pod was deleted during a partition in this run.",
    "zh-CN": "本次运行中没有任何 Pod 在网络分区期间被删除。",
  },
  noRelistTombstone: {
    en: "No relist delivered a tombstone in this run.",
    "zh-CN": "本次运行中没有任何一次重新 LIST 交付了墓碑。",
  },
  threw: {
    en: "Your `{callback}` threw on {key} (step {step}): {message}",
    "zh-CN": "第 {step} 步，你的 `{callback}` 处理 {key} 时抛出了异常：“{message}”",
  },
  noPodsLine: {
    en: "No \"pods=<count>\" line was logged.",
    "zh-CN": "日志里没有任何“pods=<count>”行。",
  },
  outsideHandler: {
    en: "\"{line}\" (step {step}) was not logged by a handler: keep your own view in `addFunc` and `deleteFunc` and log it there.",
    "zh-CN": "“{line}”（第 {step} 步）不是由处理函数打印的：请在 `addFunc` 和 `deleteFunc` 里维护你自己的视图并在那里打印。",
  },
  lastCount: {
    en: "Your last \"pods=\" line (step {step}) is \"{line}\": {got} pods, but the server has {want} at the end.",
    "zh-CN": "你最后一行“pods=”（第 {step} 步）是“{line}”：{got} 个 Pod，而服务器上最终有 {want} 个。",
  },
});

type At<K extends TraceKind> = Ev<K>;

/** key → resourceVersion of the pods on the server at the end of the run. */
function serverPods(run: RunResult): Map<string, string> {
  const state = new Map<string, string>();
  for (const w of events(run, "server.write")) {
    if (w.resource !== "pods") continue;
    if (w.type === "DELETED") state.delete(w.key); else state.set(w.key, w.resourceVersion);
  }
  return state;
}

const goals: Goal[] = [
  goal({
    id: "cache-converges",
    title: {
      en: "The cache converges: at the end the pods indexer holds exactly the server's pods, at the server's resource versions",
      "zh-CN": "缓存会收敛：到最后，Pod 的 Indexer 恰好保存着 API Server 上的 Pod，资源版本也与 API Server 一致",
    },
    check(run) {
      const server = serverPods(run);
      const cache = new Map<string, string>();
      for (const w of events(run, "indexer.write")) {
        if (w.op === "delete") cache.delete(w.key); else cache.set(w.key, w.resourceVersion);
      }
      for (const [key, rv] of server) {
        if (cache.get(key) !== rv) return fail(M.rvDiffers({ key, rv, cached: cache.get(key) ?? M.missing() }));
      }
      const extra = [...cache.keys()].find((k) => !server.has(k));
      return extra ? fail(M.stillCached({ key: extra })) : pass;
    },
  }),
  goal({
    id: "relisted-with-tombstones",
    title: {
      en: "Recovered by relisting: every pod deleted during a partition still reaches `deleteFunc`, and a relist (`fifo.replace`) delivers such deletes as `cache.DeletedFinalStateUnknown` tombstones",
      "zh-CN": "通过重新 LIST 恢复：分区期间被删除的每个 Pod 仍然会到达 `deleteFunc`，而重新 LIST（`fifo.replace`）会以 `cache.DeletedFinalStateUnknown` 墓碑的形式交付这些删除",
    },
    check(run) {
      const faults = events(run, "fault.injected");
      let checked = 0;
      for (const partition of faults.filter((f) => f.fault === "partition")) {
        const heal = faults.find((f) => f.seq > partition.seq && f.fault === "heal");
        if (!heal) continue;
        // Pods deleted while cut off and still gone when the network healed: no DELETED ever reached the informer.
        const alive = new Map<string, boolean>();
        const deletedMeanwhile = new Set<string>();
        for (const w of events(run, "server.write")) {
          if (w.resource !== "pods" || w.seq > heal.seq) continue;
          alive.set(w.key, w.type !== "DELETED");
          if (w.type === "DELETED" && w.seq > partition.seq) deletedMeanwhile.add(w.key);
        }
        const expected = [...deletedMeanwhile].filter((k) => alive.get(k) === false);
        if (expected.length === 0) continue;
        checked++;
        for (const key of expected) {
          const call = events(run, "handler.called").find((h) => h.seq > heal.seq && h.key === key && h.notification === "delete");
          if (!call) return fail(M.neverReachedDelete({ key, step: heal.seq }), heal.seq);
        }
      }
      if (checked === 0) return fail(M.noPartitionDelete());
      // With history compacted meanwhile, only a relist can tell: the deletes come as tombstones.
      const tomb = events(run, "handler.called").find((h) => h.notification === "delete" && h.tombstone === true);
      const relist = tomb && events(run, "fifo.replace").filter((r) => r.seq < tomb.seq).pop();
      return tomb && relist && relist.seq > events(run, "fifo.replace")[0]!.seq ? pass : fail(M.noRelistTombstone());
    },
  }),
  goal({
    id: "no-handler-error",
    title: {
      en: "No crash: no handler ever throws (`deleteFunc` handles `cache.DeletedFinalStateUnknown`)",
      "zh-CN": "不崩溃：没有任何处理函数抛出异常（`deleteFunc` 能处理 `cache.DeletedFinalStateUnknown`）",
    },
    check(run) {
      const threw = events(run, "handler.threw")[0];
      return threw
        ? fail(M.threw({ callback: callbackOf(threw.notification), key: threw.key, step: threw.seq, message: threw.message }), threw.seq)
        : pass;
    },
  }),
  goal({
    id: "your-view-converges",
    title: {
      en: "Your view converges too: your handlers log `pods=<count>` (every such line comes from a handler call), and the last one equals the number of pods on the server (`cache.metaNamespaceKeyFunc`, `cache.deletionHandlingMetaNamespaceKeyFunc`)",
      "zh-CN": "你的视图也会收敛：由你的处理函数打印 `pods=<数量>`（每一行都来自一次处理函数调用），最后一行等于 API Server 上的 Pod 数量（`cache.metaNamespaceKeyFunc`、`cache.deletionHandlingMetaNamespaceKeyFunc`）",
    },
    check(run) {
      const want = serverPods(run).size;
      // "pods=<count>", optionally followed by a note after a space ("pods=8 (tombstone)"): ux-review §13
      // found the exact-line match rejecting such a line and then quoting an older one as "your last line".
      const countOf = (text: string) => /^pods=(\d+)(?:\s.*)?$/.exec(text.trim())?.[1];
      const lines = run.log.filter((l) => countOf(l.text) !== undefined);
      const last = lines[lines.length - 1];
      if (!last) return fail(M.noPodsLine());
      const outside = lines.find((l) => callOf(run, l.step) === undefined);
      if (outside) return fail(M.outsideHandler({ line: outside.text.trim(), step: outside.step }), outside.step);
      const got = Number(countOf(last.text));
      return got === want ? pass : fail(M.lastCount({ step: last.step, line: last.text.trim(), got, want }), last.step);
    },
  }),
];

export default { goals, seeds: 3 };
