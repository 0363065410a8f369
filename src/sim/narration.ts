/**
 * Narration — one plain sentence per step, in English and Simplified Chinese, for every trace kind.
 *
 * Contract:
 * - `narrate(event, locale)` is pure: the sentence depends only on the event's payload.
 * - Both catalogues are `{ [K in TraceKind]: (event) => string }`, so a new trace kind fails the build
 *   until it has a sentence in both languages.
 * - An event whose kind is unknown (not in the closed union) gets a neutral sentence naming its kind.
 * The stage reads it out through an ARIA live region, so sentences name things the way the diagram does.
 */
import type { DeltaSummary, FifoKind, KnownTraceEvent, TraceEvent, TraceKind, TraceOf } from "./trace.js";

export type Locale = "en" | "zh-CN";

type Catalogue = { [K in TraceKind]: (e: TraceOf<K>) => string };

const chips = (deltas: readonly DeltaSummary[]): string =>
  `[${deltas.map((d) => (d.tombstone === true ? `${d.type}(tombstone)` : d.type)).join(", ")}]`;
const rvOf = (rv: string | undefined): string => (rv === undefined || rv === "" ? "\"\"" : rv);
const who = (name: string, listener: number): string => `${name} listener #${listener}`;
/** The queue a fifo event came from (absent = DeltaFIFO). */
const queueName = (kind: FifoKind | undefined): string =>
  kind === "real" ? "RealFIFO" : kind === "realAtomic" ? "RealFIFO (atomic)" : "DeltaFIFO";
/** "1 key", "2 keys" (English only; the zh catalogue counts with measure words). */
const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const en: Catalogue = {
  "server.request": (e) =>
    `API server received a ${e.verb} request for ${e.resource}${e.name === undefined ? "" : ` ${e.namespace === undefined ? "" : `${e.namespace}/`}${e.name}`}` +
    `${e.client === undefined ? "" : ` from ${e.client}`}${e.resourceVersion === undefined ? "" : ` at RV ${rvOf(e.resourceVersion)}`}` +
    `${e.verb !== "update" ? "" : e.objectResourceVersion === undefined ? ", without a resourceVersion (an unconditional write)" : `, carrying resourceVersion ${e.objectResourceVersion}`}.`,
  "server.response": (e) =>
    e.code < 400
      ? `API server answered the ${e.verb} of ${e.resource} with ${e.code}${e.items === undefined ? "" : ` (${e.items} items)`}${e.resourceVersion === undefined ? "" : ` at RV ${rvOf(e.resourceVersion)}`}.`
      : `API server refused the ${e.verb} of ${e.resource}: ${e.code} ${e.reason ?? ""}${e.message === undefined ? "" : ` (${e.message})`}.`,
  "server.write": (e) => `API server stored ${e.type} ${e.resource} ${e.key} at RV ${e.resourceVersion}.`,
  "server.watch.opened": (e) =>
    `API server opened watch #${e.watchId} on ${e.resource} from RV ${rvOf(e.resourceVersion)}${e.client === undefined ? "" : ` for ${e.client}`}.`,
  "server.watch.event": (e) =>
    e.type === "ERROR"
      ? `API server sent an ERROR on watch #${e.watchId}: ${e.code ?? ""} ${e.reason ?? ""}.`
      : e.type === "BOOKMARK"
        ? `API server sent a BOOKMARK at RV ${e.resourceVersion} on watch #${e.watchId}${e.initialEventsEnd === true ? " (initial events end)" : ""}.`
        : `API server sent ${e.type} ${e.key ?? ""} at RV ${e.resourceVersion} on watch #${e.watchId}.`,
  "server.watch.closed": (e) => `Watch #${e.watchId} on ${e.resource} closed (${e.reason}).`,
  "server.compacted": (e) => `API server compacted its history up to RV ${e.resourceVersion}; older watches will get 410 Gone.`,
  "server.restarted": (e) => `API server restarted at RV ${e.resourceVersion}; every watch was cut.`,
  "fault.injected": (e) => e.fault === "partition"
    ? (e.detail === "timeout"
      ? "Fault injected: network partition (timeouts): requests and watch streams hang; clients give up after 45 s."
      : "Fault injected: network partition (connection refused): requests fail at once, watches drop.")
    : `Fault injected: ${e.fault}${e.detail === undefined ? "" : ` (${e.detail})`}.`,
  "reflector.state": (e) => `Reflector ${e.name} is now ${e.state}.`,
  "reflector.list.start": (e) =>
    `Reflector ${e.name} lists from RV ${rvOf(e.resourceVersion)}${e.limit === undefined ? "" : ` in pages of ${e.limit}`}${e.streaming === true ? " (streaming)" : ""}.`,
  "reflector.list.done": (e) => `Reflector ${e.name} listed ${e.items} items at RV ${e.resourceVersion}.`,
  "reflector.list.error": (e) => `Reflector ${e.name}'s list failed: ${e.code} ${e.reason} (${e.message}).`,
  "reflector.watch.start": (e) => `Reflector ${e.name} starts watching from RV ${rvOf(e.resourceVersion)} (timeout ${e.timeoutSeconds} s).`,
  "reflector.watch.event": (e) =>
    `Reflector ${e.name} received ${e.type}${e.key === undefined ? "" : ` ${e.key}`} at RV ${e.resourceVersion}.`,
  "reflector.watch.end": (e) =>
    `Reflector ${e.name}'s watch ended (${e.reason}${e.code === undefined ? "" : ` ${e.code}`}${e.message === undefined ? "" : `: ${e.message}`}).`,
  "reflector.backoff": (e) => `Reflector ${e.name} backs off for ${e.delayMs} ms before retrying.`,
  "reflector.rv": (e) => `Reflector ${e.name}'s last synced resourceVersion is now ${e.resourceVersion}.`,
  "reflector.resync": (e) => `Reflector ${e.name} asks its FIFO to resync every cached object.`,
  "fifo.queued": (e) => e.fifoKind === undefined
    ? `DeltaFIFO queued ${e.delta.type} for ${e.key} (RV ${rvOf(e.delta.rv)}); key ${e.key} now holds ${chips(e.deltas)}` +
      `${e.newKey ? `, new at the tail (${count(e.queueLength, "key")} queued)` : ""}.`
    : `${queueName(e.fifoKind)} queued ${e.delta.type} for ${e.key} (RV ${rvOf(e.delta.rv)}) at the tail (${count(e.queueLength, "entry", "entries")} queued).`,
  "fifo.skipped": (e) => `${queueName(e.fifoKind)} skipped ${e.delta.type} for ${e.key} (${e.reason}).`,
  "fifo.replace": (e) => e.fifoKind === "realAtomic"
    ? `${queueName(e.fifoKind)} queued the whole list of ${count(e.items, "item")} at RV ${e.resourceVersion} as one ReplacedAll entry.`
    : `${queueName(e.fifoKind)} replaced its contents with a list of ${count(e.items, "item")} at RV ${e.resourceVersion}${e.tombstones > 0 ? `, adding ${count(e.tombstones, "tombstone delete")}` : ""}.`,
  "fifo.popped": (e) =>
    `${queueName(e.fifoKind)} popped ${e.key === "" ? chips(e.deltas) : `${e.key} with ${chips(e.deltas)}`}${e.isInInitialList ? " (initial list)" : ""}${e.batch !== undefined ? `, in a batch of ${e.batch}` : ""}; ${e.fifoKind === undefined ? count(e.queueLength, "key") : count(e.queueLength, "entry", "entries")} left.`,
  "fifo.closed": (e) => `${queueName(e.fifoKind)} closed.`,
  "indexer.write": (e) =>
    `Indexer ${e.op === "add" ? "added" : e.op === "update" ? "updated" : "deleted"} ${e.key}${e.op === "delete" ? "" : ` at RV ${e.resourceVersion}`}.`,
  "indexer.replace": (e) => `Indexer replaced its contents with ${e.items} items.`,
  "indexer.indexAdded": (e) => `Indexer ${e.name} gained the index "${e.indexName}".`,
  "indexer.query": (e) => `Your code read indexer ${e.name}: index "${e.indexName}" = "${e.value}" gave ${count(e.items, "object")}.`,
  "processor.distribute": (e) =>
    `Processor sends ${e.notification} ${e.key} (RV ${rvOf(e.resourceVersion)}, from ${e.deltaType}${e.sync ? ", resync" : ""}) to listeners [${e.listeners.join(", ")}].`,
  "processor.listenerAdded": (e) =>
    `Processor added listener #${e.listener}${e.resyncPeriodMs > 0 ? ` with resync every ${e.resyncPeriodMs} ms` : ""}.`,
  "processor.listenerRemoved": (e) => `Processor removed listener #${e.listener}.`,
  "processor.resyncCheck": (e) =>
    e.listeners.length === 0 ? `Processor checked resync: no listener is due.` : `Processor checked resync: listeners [${e.listeners.join(", ")}] are due.`,
  "listener.buffered": (e) =>
    `${who(e.name, e.listener)} buffered ${e.notification} ${e.key} (RV ${rvOf(e.resourceVersion)}); ${e.pending} pending.`,
  "listener.synced": (e) => `${who(e.name, e.listener)} has synced: it delivered the whole initial list.`,
  "handler.called": (e) =>
    `Handler #${e.listener} called: ${e.notification === "add" ? "OnAdd" : e.notification === "update" ? "OnUpdate" : "OnDelete"}(${e.key}` +
    `${e.notification === "update" && e.oldResourceVersion !== undefined ? `, RV ${e.oldResourceVersion} → ${e.resourceVersion}` : `, RV ${rvOf(e.resourceVersion)}`})` +
    `${e.tombstone === true ? " with a DeletedFinalStateUnknown tombstone" : ""}${e.isInInitialList === true ? " from the initial list" : ""}.`,
  "handler.returned": (e) => `Handler #${e.listener} returned from ${e.notification} ${e.key}.`,
  "handler.threw": (e) => `Handler #${e.listener} threw on ${e.notification} ${e.key}: ${e.message}${e.line === undefined ? "" : ` (line ${e.line})`}.`,
  "workqueue.add": (e) =>
    e.deduplicated
      ? `Workqueue ${e.queue}: ${e.key} is already waiting, so adding it again changes nothing.`
      : e.processing
        ? `Workqueue ${e.queue}: ${e.key} is being processed, so it is marked dirty and will be re-queued when done.`
        : `Workqueue ${e.queue} queued ${e.key} (${e.length} waiting).`,
  "workqueue.get": (e) => `${e.worker === undefined ? "A worker" : `Worker #${e.worker}`} took ${e.key} from workqueue ${e.queue} (${e.length} left).`,
  "workqueue.done": (e) =>
    `Workqueue ${e.queue}: done with ${e.key}${e.requeued ? "; it was re-added meanwhile, so it goes back in the queue" : ""}.`,
  "workqueue.addAfter": (e) => `Workqueue ${e.queue} will add ${e.key} after ${e.delayMs} ms (at t=${e.readyAt} ms).`,
  "workqueue.rateLimited": (e) => `Workqueue ${e.queue} rate-limits ${e.key}: retry #${e.requeues} in ${e.delayMs} ms.`,
  "workqueue.forget": (e) => `Workqueue ${e.queue} forgot ${e.key}'s failures.`,
  "workqueue.shutdown": (e) => `Workqueue ${e.queue} shuts down${e.drain ? " after draining" : ""}.`,
  "worker.started": (e) => `Worker #${e.worker} of ${e.controller} started.`,
  "worker.reconcile": (e) => `Worker #${e.worker} reconciles ${e.key}.`,
  "worker.result": (e) =>
    `Worker #${e.worker} finished ${e.key}: ${e.result}${e.message === undefined ? "" : ` (${e.message})`}${e.requeueAfterMs === undefined ? "" : `, again in ${e.requeueAfterMs} ms`}.`,
  "worker.stopped": (e) => `Worker #${e.worker} of ${e.controller} stopped.`,
  "runner.start": (e) => `The run starts (seed ${e.seed}, ${e.durationMs} ms of virtual time).`,
  "runner.op": (e) =>
    `${e.learner ? "Your action" : "The scenario"}: ${e.op}${e.resource === undefined ? "" : ` ${e.resource}`}${e.key === undefined ? "" : ` ${e.key}`}${e.detail === undefined ? "" : ` (${e.detail})`}.`,
  "runner.log": (e) => `Your code logged: ${e.text}`,
  "runner.cacheSync": (e) =>
    `Your waitForCacheSync returned ${e.synced}: ${e.results.map((r, i) => `${e.resources?.[i] ?? `#${i + 1}`} ${r ? "synced" : "not synced"}`).join(", ") || "nothing to wait for"}.`,
  "runner.error": (e) => `Your code threw: ${e.message}${e.line === undefined ? "" : ` (line ${e.line})`}.`,
  "runner.end": (e) =>
    e.reason === "done" ? `The run ended.` : e.reason === "timeout" ? `The run was stopped: it took too long.`
      : e.reason === "eventLimit" ? `The run was stopped: too many trace events.` : `The run ended with an error.`,
};

const zhVerb: Record<string, string> = { add: "新增", update: "更新", delete: "删除" };

const zh: Catalogue = {
  "server.request": (e) =>
    `API 服务器收到${e.client === undefined ? "" : ` ${e.client} 的`} ${e.resource} ${e.verb} 请求` +
    `${e.name === undefined ? "" : `（${e.namespace === undefined ? "" : `${e.namespace}/`}${e.name}）`}${e.resourceVersion === undefined ? "" : `，RV ${rvOf(e.resourceVersion)}`}` +
    `${e.verb !== "update" ? "" : e.objectResourceVersion === undefined ? "，没有带 resourceVersion（无条件写入）" : `，带着 resourceVersion ${e.objectResourceVersion}`}。`,
  "server.response": (e) =>
    e.code < 400
      ? `API 服务器以 ${e.code} 回应 ${e.resource} 的 ${e.verb}${e.items === undefined ? "" : `（${e.items} 个对象）`}${e.resourceVersion === undefined ? "" : `，RV ${rvOf(e.resourceVersion)}`}。`
      : `API 服务器拒绝了 ${e.resource} 的 ${e.verb}：${e.code} ${e.reason ?? ""}${e.message === undefined ? "" : `（${e.message}）`}。`,
  "server.write": (e) => `API 服务器写入 ${e.type} ${e.resource} ${e.key}，RV ${e.resourceVersion}。`,
  "server.watch.opened": (e) => `API 服务器从 RV ${rvOf(e.resourceVersion)} 开启了 ${e.resource} 的 watch #${e.watchId}${e.client === undefined ? "" : `（${e.client}）`}。`,
  "server.watch.event": (e) =>
    e.type === "ERROR"
      ? `API 服务器在 watch #${e.watchId} 上发送 ERROR：${e.code ?? ""} ${e.reason ?? ""}。`
      : e.type === "BOOKMARK"
        ? `API 服务器在 watch #${e.watchId} 上发送 BOOKMARK，RV ${e.resourceVersion}${e.initialEventsEnd === true ? "（初始事件结束）" : ""}。`
        : `API 服务器在 watch #${e.watchId} 上发送 ${e.type} ${e.key ?? ""}，RV ${e.resourceVersion}。`,
  "server.watch.closed": (e) => `${e.resource} 的 watch #${e.watchId} 已关闭（${e.reason}）。`,
  "server.compacted": (e) => `API 服务器压缩了 RV ${e.resourceVersion} 之前的历史；更早的 watch 将收到 410 Gone。`,
  "server.restarted": (e) => `API 服务器在 RV ${e.resourceVersion} 重启，所有 watch 都被切断。`,
  "fault.injected": (e) => e.fault === "partition"
    ? (e.detail === "timeout"
      ? "注入故障：网络分区（超时）：请求和 watch 流挂起，客户端 45 秒后放弃。"
      : "注入故障：网络分区（连接被拒绝）：请求立即失败，watch 断开。")
    : `注入故障：${e.fault}${e.detail === undefined ? "" : `（${e.detail}）`}。`,
  "reflector.state": (e) => `Reflector ${e.name} 现在处于 ${e.state} 状态。`,
  "reflector.list.start": (e) =>
    `Reflector ${e.name} 从 RV ${rvOf(e.resourceVersion)} 开始 list${e.limit === undefined ? "" : `，每页 ${e.limit} 个`}${e.streaming === true ? "（流式）" : ""}。`,
  "reflector.list.done": (e) => `Reflector ${e.name} 在 RV ${e.resourceVersion} 列出了 ${e.items} 个对象。`,
  "reflector.list.error": (e) => `Reflector ${e.name} 的 list 失败：${e.code} ${e.reason}（${e.message}）。`,
  "reflector.watch.start": (e) => `Reflector ${e.name} 从 RV ${rvOf(e.resourceVersion)} 开始 watch（超时 ${e.timeoutSeconds} 秒）。`,
  "reflector.watch.event": (e) => `Reflector ${e.name} 收到 ${e.type}${e.key === undefined ? "" : ` ${e.key}`}，RV ${e.resourceVersion}。`,
  "reflector.watch.end": (e) =>
    `Reflector ${e.name} 的 watch 结束（${e.reason}${e.code === undefined ? "" : ` ${e.code}`}${e.message === undefined ? "" : `：${e.message}`}）。`,
  "reflector.backoff": (e) => `Reflector ${e.name} 退避 ${e.delayMs} 毫秒后重试。`,
  "reflector.rv": (e) => `Reflector ${e.name} 最后同步的 resourceVersion 现在是 ${e.resourceVersion}。`,
  "reflector.resync": (e) => `Reflector ${e.name} 要求它的 FIFO 对缓存中的每个对象做 resync。`,
  "fifo.queued": (e) => e.fifoKind === undefined
    ? `DeltaFIFO 为 ${e.key} 入队 ${e.delta.type}（RV ${rvOf(e.delta.rv)}）；键 ${e.key} 现在持有 ${chips(e.deltas)}` +
      `${e.newKey ? `，新键排在队尾（共 ${e.queueLength} 个键）` : ""}。`
    : `${queueName(e.fifoKind)} 在队尾为 ${e.key} 入队 ${e.delta.type}（RV ${rvOf(e.delta.rv)}）（共 ${e.queueLength} 个条目）。`,
  "fifo.skipped": (e) => `${queueName(e.fifoKind)} 跳过了 ${e.key} 的 ${e.delta.type}（${e.reason}）。`,
  "fifo.replace": (e) => e.fifoKind === "realAtomic"
    ? `${queueName(e.fifoKind)} 把 RV ${e.resourceVersion} 的整个列表（${e.items} 个对象）作为一个 ReplacedAll 条目入队。`
    : `${queueName(e.fifoKind)} 用 RV ${e.resourceVersion} 的 ${e.items} 个对象替换内容${e.tombstones > 0 ? `，并加入 ${e.tombstones} 个墓碑删除` : ""}。`,
  "fifo.popped": (e) => `${queueName(e.fifoKind)} 弹出 ${e.key === "" ? chips(e.deltas) : `${e.key}，携带 ${chips(e.deltas)}`}${e.isInInitialList ? "（初始列表）" : ""}${e.batch !== undefined ? `，属于一批 ${e.batch} 个` : ""}；剩余 ${e.queueLength} 个${e.fifoKind === undefined ? "键" : "条目"}。`,
  "fifo.closed": (e) => `${queueName(e.fifoKind)} 已关闭。`,
  "indexer.write": (e) =>
    `Indexer ${e.op === "add" ? "新增" : e.op === "update" ? "更新" : "删除"}了 ${e.key}${e.op === "delete" ? "" : `，RV ${e.resourceVersion}`}。`,
  "indexer.replace": (e) => `Indexer 用 ${e.items} 个对象替换了内容。`,
  "indexer.indexAdded": (e) => `Indexer ${e.name} 新增了索引 "${e.indexName}"。`,
  "indexer.query": (e) => `你的代码读取了 Indexer ${e.name}：索引 "${e.indexName}" = "${e.value}"，得到 ${e.items} 个对象。`,
  "processor.distribute": (e) =>
    `Processor 把 ${zhVerb[e.notification] ?? e.notification} ${e.key}（RV ${rvOf(e.resourceVersion)}，来自 ${e.deltaType}${e.sync ? "，resync" : ""}）分发给监听器 [${e.listeners.join(", ")}]。`,
  "processor.listenerAdded": (e) => `Processor 添加了监听器 #${e.listener}${e.resyncPeriodMs > 0 ? `，每 ${e.resyncPeriodMs} 毫秒 resync` : ""}。`,
  "processor.listenerRemoved": (e) => `Processor 移除了监听器 #${e.listener}。`,
  "processor.resyncCheck": (e) =>
    e.listeners.length === 0 ? `Processor 检查 resync：没有监听器到期。` : `Processor 检查 resync：监听器 [${e.listeners.join(", ")}] 到期。`,
  "listener.buffered": (e) =>
    `${e.name} 的监听器 #${e.listener} 缓冲了 ${zhVerb[e.notification] ?? e.notification} ${e.key}（RV ${rvOf(e.resourceVersion)}）；待处理 ${e.pending} 个。`,
  "listener.synced": (e) => `${e.name} 的监听器 #${e.listener} 已同步：初始列表已全部送达。`,
  "handler.called": (e) =>
    `调用处理函数 #${e.listener}：${e.notification === "add" ? "OnAdd" : e.notification === "update" ? "OnUpdate" : "OnDelete"}(${e.key}` +
    `${e.notification === "update" && e.oldResourceVersion !== undefined ? `，RV ${e.oldResourceVersion} → ${e.resourceVersion}` : `，RV ${rvOf(e.resourceVersion)}`})` +
    `${e.tombstone === true ? "，参数是 DeletedFinalStateUnknown 墓碑" : ""}${e.isInInitialList === true ? "，来自初始列表" : ""}。`,
  "handler.returned": (e) => `处理函数 #${e.listener} 处理完 ${zhVerb[e.notification] ?? e.notification} ${e.key} 并返回。`,
  "handler.threw": (e) => `处理函数 #${e.listener} 在处理 ${e.key} 时抛出异常：${e.message}${e.line === undefined ? "" : `（第 ${e.line} 行）`}。`,
  "workqueue.add": (e) =>
    e.deduplicated
      ? `工作队列 ${e.queue}：${e.key} 已在等待，再次加入不会改变任何东西。`
      : e.processing
        ? `工作队列 ${e.queue}：${e.key} 正在处理，标记为 dirty，处理完后重新入队。`
        : `工作队列 ${e.queue} 加入了 ${e.key}（等待中 ${e.length} 个）。`,
  "workqueue.get": (e) => `${e.worker === undefined ? "一个 worker" : `Worker #${e.worker}`} 从工作队列 ${e.queue} 取出 ${e.key}（剩余 ${e.length} 个）。`,
  "workqueue.done": (e) => `工作队列 ${e.queue}：${e.key} 处理完成${e.requeued ? "；期间它又被加入，因此重新入队" : ""}。`,
  "workqueue.addAfter": (e) => `工作队列 ${e.queue} 将在 ${e.delayMs} 毫秒后（t=${e.readyAt} 毫秒）加入 ${e.key}。`,
  "workqueue.rateLimited": (e) => `工作队列 ${e.queue} 对 ${e.key} 限速：第 ${e.requeues} 次重试在 ${e.delayMs} 毫秒后。`,
  "workqueue.forget": (e) => `工作队列 ${e.queue} 忘记了 ${e.key} 的失败记录。`,
  "workqueue.shutdown": (e) => `工作队列 ${e.queue} 关闭${e.drain ? "（先排空）" : ""}。`,
  "worker.started": (e) => `${e.controller} 的 Worker #${e.worker} 已启动。`,
  "worker.reconcile": (e) => `Worker #${e.worker} 正在调谐 ${e.key}。`,
  "worker.result": (e) =>
    `Worker #${e.worker} 处理完 ${e.key}：${e.result}${e.message === undefined ? "" : `（${e.message}）`}${e.requeueAfterMs === undefined ? "" : `，${e.requeueAfterMs} 毫秒后再次处理`}。`,
  "worker.stopped": (e) => `${e.controller} 的 Worker #${e.worker} 已停止。`,
  "runner.start": (e) => `运行开始（种子 ${e.seed}，虚拟时间 ${e.durationMs} 毫秒）。`,
  "runner.op": (e) =>
    `${e.learner ? "你的操作" : "场景操作"}：${e.op}${e.resource === undefined ? "" : ` ${e.resource}`}${e.key === undefined ? "" : ` ${e.key}`}${e.detail === undefined ? "" : `（${e.detail}）`}。`,
  "runner.log": (e) => `你的代码输出：${e.text}`,
  "runner.cacheSync": (e) =>
    `你的 waitForCacheSync 返回 ${e.synced}：${e.results.map((r, i) => `${e.resources?.[i] ?? `#${i + 1}`} ${r ? "已同步" : "未同步"}`).join("，") || "没有要等的缓存"}。`,
  "runner.error": (e) => `你的代码抛出异常：${e.message}${e.line === undefined ? "" : `（第 ${e.line} 行）`}。`,
  "runner.end": (e) =>
    e.reason === "done" ? `运行结束。` : e.reason === "timeout" ? `运行被终止：耗时过长。`
      : e.reason === "eventLimit" ? `运行被终止：追踪事件过多。` : `运行因错误而结束。`,
};

export const NARRATION: Readonly<Record<Locale, Catalogue>> = { en, "zh-CN": zh };

/** The sentence for one step. */
export function narrate(event: TraceEvent | KnownTraceEvent, locale: Locale): string {
  const catalogue = NARRATION[locale] as unknown as Record<string, ((e: unknown) => string) | undefined>;
  const sentence = catalogue[event.kind];
  if (sentence === undefined) return locale === "en" ? `Event ${event.kind}.` : `事件 ${event.kind}。`;
  return sentence(event);
}

/** The sentence before any step. */
export function narrateStart(locale: Locale): string {
  return locale === "en" ? "Nothing has happened yet. Press play or step forward." : "尚未发生任何事。请按播放或单步前进。";
}
