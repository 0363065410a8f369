/** Lesson 05 goals: an index by node, reads from the cache only, no mutation of cached objects. */
import type { KubeObject, Pod } from "../../src/index.js";
import { callbackOf, defineMessages, events, fail, goal, initialKeys, learnerRequests, nameOf, pass, type Goal, type RunResult } from "../_lib/goal-kit.js";

const M = defineMessages("indexer-and-listers", {
  neverWritten: {
    en: "The informer's indexer was never written: did you start the factory?",
    "zh-CN": "Informer 的 Indexer 从未被写入：你启动工厂了吗？",
  },
  noIndex: {
    en: "{key} was cached at step {step} without a \"byNode\" index: call `addIndexers` before `factory.start`.",
    "zh-CN": "第 {step} 步，{key} 写入缓存时没有“byNode”索引：请在 `factory.start` 之前调用 `addIndexers`。",
  },
  wrongBucket: {
    en: "{key} runs on {node} but byNode filed it under [{values}] (step {step}).",
    "zh-CN": "{key} 运行在 {node} 上，但 byNode 把它归档在 [{values}] 下（第 {step} 步）。",
  },
  noNode: { en: "no node", "zh-CN": "（没有节点）" },
  notListerCount: {
    en: "\"{line}\" (step {step}) is not the count of the lister's answer: the last `lister().pods(\"team-a\").list()` before it (step {listStep}) returned {items} pods. Log the length of what the lister returns.",
    "zh-CN": "“{line}”（第 {step} 步）不是 Lister 返回结果的数量：它之前最后一次 `lister().pods(\"team-a\").list()`（第 {listStep} 步）返回了 {items} 个 Pod。请打印 Lister 返回结果的长度。",
  },
  notFromIndex: {
    en: "\"{line}\" (step {step}) was not read from the index: call `{how}` for each line (a filter over every cached pod, or a constant, does not count).",
    "zh-CN": "“{line}”（第 {step} 步）不是从索引读出来的：每打印一行都要调用 `{how}`（遍历全部缓存 Pod 再过滤，或者写死的常量，都不算）。",
  },
  notIndexAnswer: {
    en: "\"{line}\" (step {step}) names {printed} pods, but `byIndex(\"byNode\", \"{node}\")` had just answered {items} (step {queryStep}). Print what the index returns: your handlers run after the index is written, so a map they fill is behind it while a handler is slow.",
    "zh-CN": "“{line}”（第 {step} 步）列出了 {printed} 个 Pod，但 `byIndex(\"byNode\", \"{node}\")` 刚刚（第 {queryStep} 步）返回了 {items} 个。请打印索引返回的结果：处理函数在索引写入之后才运行，处理函数变慢时，由它们填充的 Map 会落后于索引。",
  },
  beforeSync: {
    en: "\"{line}\" (step {step}) was read before the informer had synced: {missing} of the {total} pods the server had at the start were not in the cache yet. Wait with `cache.waitForCacheSync` before the first read (lesson 03).",
    "zh-CN": "“{line}”（第 {step} 步）是在 Informer 同步之前读的：开始时服务器上的 {total} 个 Pod 中还有 {missing} 个不在缓存里。第一次读取之前，先用 `cache.waitForCacheSync` 等待（第 03 课）。",
  },
  wrongNodeLine: {
    en: "At step {step} the cache held [{want}] on {node}; you logged \"{line}\".",
    "zh-CN": "第 {step} 步时，缓存中 {node} 上的 Pod 是 [{want}]；你打印的是“{line}”。",
  },
  wrongNsLine: {
    en: "At step {step} the cache held {want} team-a pods; you logged \"{line}\".",
    "zh-CN": "第 {step} 步时，缓存中 team-a 有 {want} 个 Pod；你打印的是“{line}”。",
  },
  tooFewLines: {
    en: "Only {count} \"{what}: …\" lines: log every 2 seconds for the whole run.",
    "zh-CN": "只有 {count} 行“{what}: …”：整个运行期间请每 2 秒打印一次。",
  },
  serverRead: {
    en: "Your code sent a {verb} for {resource} to the API server at step {step}; read the informer's cache instead.",
    "zh-CN": "你的代码在第 {step} 步向 API Server 发送了 {resource} 的 {verb} 请求；请改为读取 Informer 的缓存。",
  },
  mutated: {
    en: "Your `{callback}` threw on {key} (step {step}): {message}. Objects from the cache are shared and frozen: copy before you change anything.",
    "zh-CN": "第 {step} 步，你的 `{callback}` 处理 {key} 时抛出了异常：“{message}”。缓存中的对象是共享且冻结的：修改之前先复制一份。",
  },
});

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
    if (writes.length === 0) return fail(M.neverWritten());
    for (const w of writes) {
      const values = w.indexes["byNode"];
      if (values === undefined) return fail(M.noIndex({ key: w.key, step: w.seq }), w.seq);
      const node = nodeOf(w.object ?? serverObject(run, w.key, w.resourceVersion));
      const want = node === undefined || node === "" ? [] : [node];
      if (values.length !== want.length || values.some((v, i) => v !== want[i])) {
        return fail(M.wrongBucket({ key: w.key, node: node === undefined || node === "" ? M.noNode() : node, values: values.join(", "), step: w.seq }), w.seq);
      }
    }
    return pass;
  },
});

const byNodeLog: Goal = goal({
  id: "by-node-log",
  title: {
    en: "From the sync on (`waitForCacheSync`), every 2 s, log `node-a: <names>` and `node-b: <names>` from `byIndex(\"byNode\", …)` and `team-a: <n> pods` from `lister().pods(\"team-a\").list()`: what each query returned, matching the cache",
    "zh-CN": "从同步完成（`waitForCacheSync`）起，每 2 秒用 `byIndex(\"byNode\", …)` 打印 `node-a: <names>` 和 `node-b: <names>`，用 `lister().pods(\"team-a\").list()` 打印 `team-a: <n> pods`：打印每次查询返回的结果，与缓存一致",
  },
  check(run) {
    const counts = { "node-a": 0, "node-b": 0, "team-a": 0 };
    const queries = events(run, "indexer.query");
    const listerLists = events(run, "lister.query", (q) => q.op === "list" && q.namespace === "team-a");
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
      const asked = queries.filter((q) => q.indexName === indexName && q.value === value && q.seq > since && q.seq < line.step).at(-1);
      if (asked === undefined) return fail(M.notFromIndex({ line: line.text, step: line.step, how }), line.step);
      if (nodeLine !== null) {
        // …and the names are what that query answered: a map the handlers keep lags behind the index
        // while a handler is slow (the scenario slows them from 2.5 s), so its count differs there.
        const printed = nodeLine[2]!.split(",").filter((n) => n !== "").length;
        if (printed !== asked.items) {
          return fail(M.notIndexAnswer({ line: line.text, step: line.step, printed, node: value, items: asked.items, queryStep: asked.seq }), line.step);
        }
      }
      if (nsLine !== null) {
        // …and the namespace count is what the lister's list (lister.query) answered, not a number kept elsewhere.
        const read = listerLists.filter((q) => q.seq > since && q.seq < line.step).at(-1);
        if (read === undefined) return fail(M.notFromIndex({ line: line.text, step: line.step, how }), line.step);
        if (read.items !== Number(nsLine[1])) {
          return fail(M.notListerCount({ line: line.text, step: line.step, listStep: read.seq, items: read.items }), line.step);
        }
      }
      const cache = cacheAt(run, line.step);
      if (counts["node-a"] + counts["node-b"] + counts["team-a"] === 0) {
        // The first read comes after the sync: an empty cache is not "no pods".
        const initial = initialKeys(run, "pods");
        const missing = initial.filter((k) => !cache.has(k)).length;
        if (missing > 0) return fail(M.beforeSync({ line: line.text, step: line.step, missing, total: initial.length }), line.step);
      }
      if (nodeLine !== null) {
        const node = nodeLine[1] as "node-a" | "node-b";
        counts[node]++;
        const want = [...cache].filter(([, n]) => n === node).map(([k]) => nameOf(k)).sort().join(",");
        if (nodeLine[2] !== want) return fail(M.wrongNodeLine({ step: line.step, want, node, line: line.text }), line.step);
      } else {
        counts["team-a"]++;
        const want = [...cache.keys()].filter((k) => k.startsWith("team-a/")).length;
        if (Number(nsLine![1]) !== want) return fail(M.wrongNsLine({ step: line.step, want, line: line.text }), line.step);
      }
    }
    for (const [what, n] of Object.entries(counts)) {
      if (n < 4) return fail(M.tooFewLines({ count: n, what }));
    }
    return pass;
  },
});

const noServerReads: Goal = goal({
  id: "no-server-reads",
  title: {
    en: "Read from the lister and the indexer only: your code sends no `list` or `get` to the API server",
    "zh-CN": "只从 Lister 和 Indexer 读取：你的代码不向 API Server 发送任何 `list` 或 `get`",
  },
  check(run) {
    // learnerRequests: not a reflector's, not a scenario op's or a stage action's (issue 21 item 1).
    const own = learnerRequests(run).find((e) => e.verb === "list" || e.verb === "get");
    if (own !== undefined) return fail(M.serverRead({ verb: own.verb.toUpperCase(), resource: own.resource, step: own.seq }), own.seq);
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
      return fail(M.mutated({ callback: callbackOf(threw.notification), key: threw.key, step: threw.seq, message: threw.message }), threw.seq);
    }
    return pass;
  },
});

export default { goals: [byNodeIndex, byNodeLog, noServerReads, noMutation], seeds: 3 };
