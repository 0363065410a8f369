import { type Goal, type RunResult, type TraceKind } from "../../src/index.js";
import { callOf, events, type Ev } from "../_lib/goal-kit.js";

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
  {
    id: "cache-converges",
    title: {
      en: "The cache converges: at the end the pods indexer holds exactly the server's pods, at the server's resource versions",
      "zh-CN": "缓存会收敛：到最后，Pod 的 indexer 恰好保存着 API Server 上的 Pod，资源版本也与 API Server 一致",
    },
    check(run) {
      const server = serverPods(run);
      const cache = new Map<string, string>();
      for (const w of events(run, "indexer.write")) {
        if (w.op === "delete") cache.delete(w.key); else cache.set(w.key, w.resourceVersion);
      }
      for (const [key, rv] of server) {
        if (cache.get(key) !== rv) return { pass: false, message: `${key}: server rv ${rv}, cache ${cache.get(key) ?? "missing"}` };
      }
      const extra = [...cache.keys()].find((k) => !server.has(k));
      return extra ? { pass: false, message: `${extra} is still cached but gone from the server` } : { pass: true };
    },
  },
  {
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
          if (!call) return { pass: false, failedAtStep: heal.seq, message: `${key} was deleted during the partition but never reached deleteFunc` };
        }
      }
      if (checked === 0) return { pass: false, message: "no pod was deleted during a partition in this run" };
      // With history compacted meanwhile, only a relist can tell: the deletes come as tombstones.
      const tomb = events(run, "handler.called").find((h) => h.notification === "delete" && h.tombstone === true);
      const relist = tomb && events(run, "fifo.replace").filter((r) => r.seq < tomb.seq).pop();
      return tomb && relist && relist.seq > events(run, "fifo.replace")[0]!.seq
        ? { pass: true }
        : { pass: false, message: "no relist delivered a tombstone in this run" };
    },
  },
  {
    id: "no-handler-error",
    title: {
      en: "No crash: no handler ever throws (`deleteFunc` handles `cache.DeletedFinalStateUnknown`)",
      "zh-CN": "不崩溃：没有任何处理函数抛出异常（`deleteFunc` 能处理 `cache.DeletedFinalStateUnknown`）",
    },
    check(run) {
      const threw = events(run, "handler.threw")[0];
      return threw
        ? { pass: false, failedAtStep: threw.seq, message: `the ${threw.notification} handler for ${threw.key} threw: ${threw.message}` }
        : { pass: true };
    },
  },
  {
    id: "your-view-converges",
    title: {
      en: "Your view converges too: your handlers log `pods=<count>` (every such line comes from a handler call), and the last one equals the number of pods on the server (`cache.metaNamespaceKeyFunc`, `cache.deletionHandlingMetaNamespaceKeyFunc`)",
      "zh-CN": "你的视图也会收敛：由你的处理函数打印 `pods=<数量>`（每一行都来自一次处理函数调用），最后一行等于 API Server 上的 Pod 数量（`cache.metaNamespaceKeyFunc`、`cache.deletionHandlingMetaNamespaceKeyFunc`）",
    },
    check(run) {
      const want = serverPods(run).size;
      const lines = run.log.filter((l) => /^pods=\d+$/.test(l.text.trim()));
      const last = lines[lines.length - 1];
      if (!last) return { pass: false, message: "no `pods=<count>` line was logged" };
      const outside = lines.find((l) => callOf(run, l.step) === undefined);
      if (outside) {
        return { pass: false, failedAtStep: outside.step,
                 message: `"${outside.text.trim()}" was not logged by a handler: keep your own view in addFunc and deleteFunc and log it there` };
      }
      const got = Number(last.text.trim().slice("pods=".length));
      return got === want
        ? { pass: true }
        : { pass: false, failedAtStep: last.step, message: `your last line says pods=${got}, the server has ${want}` };
    },
  },
];

export default { goals, seeds: 3 };
