import { type Goal, type Pod, type RunResult, type TraceKind } from "../../src/index.js";
import { events, type Ev } from "../_lib/goal-kit.js";

type At<K extends TraceKind> = Ev<K>;

const SELECTOR = "tier=frontend";
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
const isFrontend = (p: Pod | undefined) => p?.metadata.labels?.["tier"] === "frontend";

const goals: Goal[] = [
  {
    id: "label-selector",
    title: {
      en: "Ask for less (`tweakListOptions`, `labelSelector`): every pod list and watch carries `tier=frontend`, and the indexer only ever holds frontend pods",
      "zh-CN": "少要一点（`tweakListOptions`、`labelSelector`）：每次 Pod 的 list 和 watch 都带着 `tier=frontend`，indexer 里也只有 frontend Pod",
    },
    check(run) {
      const requests = events(run, "server.request").filter((r) =>
        r.resource === "pods" && (r.verb === "list" || r.verb === "watch") && (r.client ?? "").startsWith("reflector"));
      if (requests.length === 0) return { pass: false, message: "no informer ever listed or watched pods" };
      const bad = requests.find((r) => r.labelSelector !== SELECTOR);
      if (bad) return { pass: false, failedAtStep: bad.seq, message: `a pod ${bad.verb} was sent with labelSelector "${bad.labelSelector ?? ""}"` };
      const stray = events(run, "indexer.write").find((w) => w.op !== "delete" && !isFrontend(w.object as Pod | undefined));
      return stray
        ? { pass: false, failedAtStep: stray.seq, message: `${stray.key} entered the cache without tier=frontend` }
        : { pass: true };
    },
  },
  {
    id: "leaving-is-deleted",
    title: {
      en: "Leaving the selector arrives as DELETED: `fe-1`, relabelled to backend, reaches your `deleteFunc` (a real object, not a tombstone) and you log `out: fe-1`",
      "zh-CN": "离开选择器以 DELETED 到达：被改标签为 backend 的 `fe-1` 进入你的 `deleteFunc`（真实对象而不是墓碑），并打印 `out: fe-1`",
    },
    check(run) {
      const relabel = events(run, "server.write").find((w) => w.key === "default/fe-1" && w.type === "MODIFIED" && !isFrontend(w.object as Pod));
      if (!relabel) return { pass: false, message: "fe-1 was never relabelled (scenario problem)" };
      const watchDelete = events(run, "server.watch.event").find((e) => e.seq > relabel.seq && e.key === "default/fe-1" && e.type === "DELETED");
      if (!watchDelete) return { pass: false, failedAtStep: relabel.seq, message: "no watch delivered DELETED for fe-1: is the informer using the label selector?" };
      const called = events(run, "handler.called").find((h) => h.seq > watchDelete.seq && h.key === "default/fe-1" && h.notification === "delete");
      if (!called || called.tombstone) return { pass: false, failedAtStep: watchDelete.seq, message: "fe-1's DELETED never reached a deleteFunc as an object" };
      const line = run.log.find((l) => l.text.trim() === "out: fe-1" && l.step > watchDelete.seq);
      return line ? { pass: true } : { pass: false, failedAtStep: called.seq, message: "no `out: fe-1` line after the DELETED" };
    },
  },
  {
    id: "transform-strips",
    title: {
      en: "Keep less (`setTransform`): no object written to the indexer carries `metadata.managedFields` or the last-applied annotation",
      "zh-CN": "少存一点（`setTransform`）：写入 indexer 的对象都不带 `metadata.managedFields` 和 last-applied 注解",
    },
    check(run) {
      const writes = events(run, "indexer.write").filter((w) => w.op !== "delete");
      if (writes.length === 0) return { pass: false, message: "nothing was ever written to the indexer" };
      const fat = writes.find((w) => {
        const meta = (w.object as Pod | undefined)?.metadata;
        return meta?.managedFields !== undefined || meta?.annotations?.[LAST_APPLIED] !== undefined;
      });
      return fat
        ? { pass: false, failedAtStep: fat.seq, message: `${fat.key} was cached with managedFields or last-applied-configuration` }
        : { pass: true };
    },
  },
  {
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
        if (!line) return { pass: false, failedAtStep: e.seq, message: `no \`${e.text}\` line after step ${e.seq}` };
        used.add(lines.indexOf(line));
      }
      const extra = lines.find((_, i) => !used.has(i));
      return extra
        ? { pass: false, failedAtStep: extra.step, message: `"${extra.text}" does not match any change of a frontend pod's monitor label` }
        : { pass: true };
    },
  },
];

export default { goals, seeds: 3 };
