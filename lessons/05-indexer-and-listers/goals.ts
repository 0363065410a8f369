/** Lesson 05 goals: an index by node, reads from the cache only, no mutation of cached objects. */
import type { KubeObject, Pod } from "../../src/index.js";
import { events, fail, goal, learnerRequests, nameOf, pass, type Goal, type RunResult } from "../_lib/goal-kit.js";

/** The server's copy of an object at a resourceVersion (every write is in the trace). */
function serverObject(run: RunResult, key: string, rv: string): KubeObject | undefined {
  return events(run, "server.write", (e) => e.key === key && e.resourceVersion === rv)[0]?.object;
}

function nodeOf(obj: KubeObject | undefined): string | undefined {
  return (obj as Pod | undefined)?.spec?.nodeName;
}

/** The informer's cache (key → node) folded from indexer.write events up to (not including) `step`. */
function cacheAt(run: RunResult, step: number): Map<string, string | undefined> {
  const cache = new Map<string, string | undefined>();
  for (const w of events(run, "indexer.write", (e) => e.seq < step)) {
    if (w.op === "delete") cache.delete(w.key);
    else cache.set(w.key, nodeOf(w.object ?? serverObject(run, w.key, w.resourceVersion)));
  }
  return cache;
}

const byNodeIndex: Goal = goal({
  id: "by-node-index",
  title: {
    en: "`addIndexers` adds an index named `byNode`; every `indexer.write` files the pod under its `spec.nodeName`",
    "zh-CN": "`addIndexers` 添加一个名为 `byNode` 的索引；每次 `indexer.write` 都把 Pod 归档在它的 `spec.nodeName` 下",
  },
  check(run) {
    const writes = events(run, "indexer.write", (e) => e.op !== "delete");
    if (writes.length === 0) return fail("The informer's indexer was never written: did you start the factory?");
    for (const w of writes) {
      const values = w.indexes["byNode"];
      if (values === undefined) return fail(`${w.key} was cached without a "byNode" index: call addIndexers before factory.start.`, w.seq);
      const node = nodeOf(w.object ?? serverObject(run, w.key, w.resourceVersion));
      const want = node === undefined || node === "" ? [] : [node];
      if (values.length !== want.length || values.some((v, i) => v !== want[i])) {
        return fail(`${w.key} runs on ${node ?? "no node"} but byNode filed it under [${values.join(", ")}].`, w.seq);
      }
    }
    return pass;
  },
});

const byNodeLog: Goal = goal({
  id: "by-node-log",
  title: {
    en: "Every 2 s, log `node-a: <names>` and `node-b: <names>` from `byIndex(\"byNode\", …)` and `team-a: <n> pods` from `lister().pods(\"team-a\").list()`, matching the cache",
    "zh-CN": "每 2 秒，用 `byIndex(\"byNode\", …)` 打印 `node-a: <names>` 和 `node-b: <names>`，用 `lister().pods(\"team-a\").list()` 打印 `team-a: <n> pods`，与缓存一致",
  },
  check(run) {
    const counts = { "node-a": 0, "node-b": 0, "team-a": 0 };
    const queries = events(run, "indexer.query");
    const previous = new Map<string, number>();
    for (const line of run.log) {
      const nodeLine = /^(node-a|node-b): (.*)$/.exec(line.text);
      const nsLine = /^team-a: (\d+) pods$/.exec(line.text);
      if (nodeLine === null && nsLine === null) continue;
      // Each line comes from its own read of the index (traced as indexer.query) since the last such line.
      const [indexName, value, how] = nodeLine !== null
        ? ["byNode", nodeLine[1]!, `indexer.byIndex("byNode", "${nodeLine[1]}")`]
        : ["namespace", "team-a", 'lister().pods("team-a").list()'];
      const since = previous.get(value) ?? 0;
      previous.set(value, line.step);
      if (!queries.some((q) => q.indexName === indexName && q.value === value && q.seq > since && q.seq < line.step)) {
        return fail(`"${line.text}" was not read from the index: call ${how} for each line (a filter over every cached pod, or a constant, does not count).`, line.step);
      }
      const cache = cacheAt(run, line.step);
      if (nodeLine !== null) {
        const node = nodeLine[1] as "node-a" | "node-b";
        counts[node]++;
        const want = [...cache].filter(([, n]) => n === node).map(([k]) => nameOf(k)).sort().join(",");
        if (nodeLine[2] !== want) return fail(`The cache held [${want}] on ${node} at this step; you logged "${line.text}".`, line.step);
      } else {
        counts["team-a"]++;
        const want = [...cache.keys()].filter((k) => k.startsWith("team-a/")).length;
        if (Number(nsLine![1]) !== want) return fail(`The cache held ${want} team-a pods at this step; you logged "${line.text}".`, line.step);
      }
    }
    for (const [what, n] of Object.entries(counts)) {
      if (n < 4) return fail(`Only ${n} "${what}: …" lines: log every 2 seconds for the whole run.`);
    }
    return pass;
  },
});

const noServerReads: Goal = goal({
  id: "no-server-reads",
  title: {
    en: "Read from the lister and the indexer only: your code sends no `list` or `get` to the API server",
    "zh-CN": "只从 lister 和 indexer 读取：你的代码不向 API Server 发送任何 `list` 或 `get`",
  },
  check(run) {
    const own = learnerRequests(run).find((e) => e.verb === "list" || e.verb === "get");
    if (own !== undefined) return fail(`Your code sent a ${own.verb.toUpperCase()} for ${own.resource} to the API server; read the informer's cache instead.`, own.seq);
    return pass;
  },
});

const noMutation: Goal = goal({
  id: "no-mutation",
  title: {
    en: "Never modify an object from the cache: no handler error in the run",
    "zh-CN": "永远不修改来自缓存的对象：运行中没有任何处理函数出错",
  },
  check(run) {
    const threw = events(run, "handler.threw")[0];
    if (threw !== undefined) {
      return fail(`A handler threw on ${threw.key}: ${threw.message}. Objects from the cache are shared and frozen: copy before you change anything.`, threw.seq);
    }
    return pass;
  },
});

export default { goals: [byNodeIndex, byNodeLog, noServerReads, noMutation], seeds: 3 };
