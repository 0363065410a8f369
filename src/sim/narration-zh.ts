/**
 * Narration in Simplified Chinese: one sentence per trace kind (see narration.ts for the contract), in
 * the lessons' terms (lessons/glossary.zh-CN.md): API Server, Reflector, 重新 LIST, DeltaFIFO, Indexer,
 * 共享处理器, listener, 处理函数, 墓碑, 工作队列, worker, 协调. A space separates ASCII words from Chinese;
 * none between Chinese characters or next to full-width punctuation. Times never print as raw floats.
 */
import type { FaultKind, TraceOf } from "./trace.js";
import { informerOfClient } from "./trace.js";
import type { Catalogue } from "./narration-en.js";
import { chips, duration, method, notification, numberList, object, origin, queueName, rv, time, verb } from "./narration-words.js";

const reflector = (name: string): string => `${name} 的 Reflector`;
const indexer = (name: string): string => `${name} 的 Indexer`;
const processor = (name: string): string => `${name} 的共享处理器`;
const handler = (name: string, listener: number): string => `${name} Informer 的处理函数 #${listener}`;
const listenerOf = (name: string, listener: number): string => `${name} Informer 的 listener #${listener}`;

const status = (code: number | undefined, reason: string | undefined, message?: string): string => {
  const head = code === undefined || code === 0 ? "连接失败" : `${code}${reason === undefined || reason === "" ? "" : ` ${reason}`}`;
  return `${head}${message === undefined || message === "" ? "" : `（${message}）`}`;
};

const FAULT: Record<FaultKind, string> = {
  dropWatches: "断开所有打开的 watch",
  compact: "API Server 压缩历史",
  partition: "网络分区",
  heal: "网络恢复",
  restart: "API Server 重启",
  throttle: "API Server 限流（429 Too Many Requests）",
  latency: "响应和 watch 事件被延迟",
  slowHandler: "减慢一个处理函数",
  slowConsumer: "读得太慢的 watch 客户端会被断开",
  watchError: "所有打开的 watch 收到一个错误",
  stall: "所有打开的 watch 停滞",
};

function faultDetail(fault: FaultKind, detail: string | undefined): string {
  if (detail === undefined) return "";
  const n = /-?\d+(\.\d+)?/.exec(detail);
  switch (fault) {
    case "restart": return n === null ? "" : `，停机 ${duration(Number(n[0]), "zh-CN")}`;
    case "latency": return n === null ? "" : `，延迟 ${duration(Number(/(\d+(\.\d+)?) ms/.exec(detail)?.[1] ?? n[0]), "zh-CN")}`;
    case "watchError": return n === null ? "" : `（${n[0]}）`;
    case "slowConsumer": return detail === "off" ? "（已关闭）" : n === null ? "" : `（积压 ${n[0]} 个事件后）`;
    default: return "";
  }
}

function faultOp(detail: string | undefined): string {
  if (detail === "partition (timeout)") return "网络分区（超时）";
  if (detail === "partition") return "网络分区（连接被拒绝）";
  return detail !== undefined && detail in FAULT ? FAULT[detail as FaultKind] : "注入故障";
}

const OP_ZH: Record<string, string> = { create: "创建", update: "更新", apply: "应用", delete: "删除", label: "打标签", bind: "绑定" };

function opPhrase(e: TraceOf<"runner.op">): string {
  const what = e.key === undefined ? (e.resource ?? "") : object(e.resource, e.key, "zh-CN");
  const d = e.detail;
  switch (e.op) {
    case "fault": return faultOp(d);
    case "slowHandler": {
      const m = /^handler (\d+): (-?[\d.]+) ms/.exec(d ?? "");
      return m === null ? "减慢一个处理函数" : `把处理函数 #${m[1]} 减慢到每个通知 ${duration(Number(m[2]), "zh-CN")}`;
    }
    case "label": return `给 ${what} 打标签${d === undefined ? "" : ` ${d}`}`;
    case "bind": {   // detail "node <name>": 绑定到节点 <name> (no space between the two CJK words)
      const node = /^node (.+)$/.exec(d ?? "");
      return `把 ${what} 绑定到${d === undefined ? "节点" : node === null ? ` ${d}` : `节点 ${node[1]}`}`;
    }
    case "delete": {
      const g = /gracePeriodSeconds=(\d+)/.exec(d ?? "");
      return `删除 ${what}${g === null ? "" : `（宽限期 ${duration(Number(g[1]) * 1000, "zh-CN")}）`}`;
    }
    default: return `${OP_ZH[e.op] ?? e.op} ${what}`.trim();
  }
}

const WATCH_CLOSED: Record<TraceOf<"server.watch.closed">["reason"], string> = {
  timeout: "超时时间已到", dropped: "连接被断开", stopped: "客户端停止了它",
  expired: "它的 resourceVersion 太旧（410 Expired）", slowConsumer: "客户端读得太慢",
  restart: "API Server 重启了", partition: "网络分区", error: "出现错误",
};

const SKIPPED: Record<TraceOf<"fifo.skipped">["reason"], string> = {
  dedupDelete: "这个键的列表已经以同样的删除结尾",
  resyncQueued: "这个键已在队列中，resync 不会再加什么",
  unknownDelete: "这个键既不在队列中，缓存也不知道它，没有什么可删除",
};

const WATCH_TYPE: Record<string, string> = { ADDED: "ADDED", MODIFIED: "MODIFIED", DELETED: "DELETED", BOOKMARK: "BOOKMARK", ERROR: "ERROR" };

export const zh: Catalogue = {
  "server.request": (e) => {
    const who = origin(e.origin, e.client, informerOfClient(e.client), "zh-CN");
    const what = e.name === undefined ? e.resource : object(e.resource, `${e.namespace === undefined ? "" : `${e.namespace}/`}${e.name}`, "zh-CN");
    const from = e.resourceVersion === undefined ? "" : e.verb === "watch" ? `，从 RV ${rv(e.resourceVersion)} 开始` : `，RV ${rv(e.resourceVersion)}`;
    const carried = e.verb !== "update" || e.origin !== "code" ? ""
      : e.objectResourceVersion === undefined ? "，没有带 resourceVersion（无条件写入）" : `，带着 resourceVersion ${e.objectResourceVersion}`;
    return `${who}向 API Server 发送了 ${what} 的 ${verb(e.verb)} 请求${from}${carried}。`;
  },
  "server.response": (e) => {
    if (e.code === 0) return `${e.resource} 的 ${verb(e.verb)} 请求没有得到回应：${status(e.code, e.reason, e.message)}。`;
    if (e.code >= 400) return `API Server 拒绝了 ${e.resource} 的 ${verb(e.verb)}：${status(e.code, e.reason, e.message)}。`;
    return `API Server 以 ${e.code} 回应 ${e.resource} 的 ${verb(e.verb)}${e.items === undefined ? "" : `（${e.items} 个对象）`}` +
      `${e.resourceVersion === undefined ? "" : `，RV ${rv(e.resourceVersion)}`}。`;
  },
  "server.write": (e) => e.type === "ADDED"
    ? `API Server 存储了新的 ${object(e.resource, e.key, "zh-CN")}，RV ${e.resourceVersion}。`
    : e.type === "MODIFIED"
      ? `API Server 存储了 ${object(e.resource, e.key, "zh-CN")} 的修改，RV ${e.resourceVersion}。`
      : `API Server 删除了 ${object(e.resource, e.key, "zh-CN")}，RV ${e.resourceVersion}。`,
  "server.watch.opened": (e) => {
    const inf = informerOfClient(e.client);
    const forWhom = inf !== undefined ? `（${reflector(inf)}）` : e.client === undefined ? "" : `（${e.client}）`;
    return `API Server 从 RV ${rv(e.resourceVersion)} 开启了 ${e.resource} 的 watch #${e.watchId}${forWhom}。`;
  },
  "server.watch.event": (e) =>
    e.type === "ERROR"
      ? `API Server 在 watch #${e.watchId} 上发送 ERROR：${status(e.code, e.reason)}。`
      : e.type === "BOOKMARK"
        ? `API Server 在 watch #${e.watchId} 上发送 BOOKMARK，RV ${e.resourceVersion}${e.initialEventsEnd === true ? "，标记初始事件结束" : ""}。`
        : `API Server 在 watch #${e.watchId} 上发送 ${WATCH_TYPE[e.type] ?? e.type} 事件${e.key === undefined ? "" : ` ${e.key}`}，RV ${e.resourceVersion}。`,
  "server.watch.closed": (e) => `${e.resource} 的 watch #${e.watchId} 已关闭：${WATCH_CLOSED[e.reason]}。`,
  "server.compacted": (e) => `API Server 压缩了 RV ${e.resourceVersion} 及之前的历史；从更早 RV 开始的 watch 现在会收到 410 Expired。`,
  "server.restarted": (e) => `API Server 在 RV ${e.resourceVersion} 重启，所有 watch 都被切断。`,
  "fault.injected": (e) => e.fault === "partition"
    ? (e.detail === "timeout"
      ? "故障：网络分区（超时）。数据包石沉大海：请求和 watch 流一直挂起，直到客户端最后一次读到数据 45 秒后，它的 HTTP/2 健康检查宣布连接丢失；之后新连接的拨号要 30 秒才放弃。"
      : "故障：网络分区（连接被拒绝）。请求立即失败，watch 断开。")
    : `故障：${FAULT[e.fault]}${faultDetail(e.fault, e.detail)}。`,
  "reflector.state": (e) =>
    e.state === "listing" ? `${reflector(e.name)} 正在 LIST。`
      : e.state === "watching" ? `${reflector(e.name)} 正在 watch。`
        : e.state === "backoff" ? `${reflector(e.name)} 正在退避。`
          : `${reflector(e.name)} 已停止。`,
  "reflector.list.start": (e) => e.streaming === true
    ? `${reflector(e.name)} 从 RV ${rv(e.resourceVersion)} 开始流式列表：一个先发送所有对象的 WATCH。`
    : `${reflector(e.name)} 从 RV ${rv(e.resourceVersion)} 开始 LIST${e.limit === undefined ? "" : `，每页 ${e.limit} 个`}。`,
  "reflector.list.done": (e) => `${reflector(e.name)} 在 RV ${e.resourceVersion} 列出了 ${e.items} 个对象。`,
  "reflector.list.error": (e) => `${reflector(e.name)} 的 LIST 失败：${status(e.code, e.reason, e.message)}。`,
  "reflector.watch.start": (e) => `${reflector(e.name)} 从 RV ${rv(e.resourceVersion)} 开始 watch（超时 ${duration(e.timeoutSeconds * 1000, "zh-CN")}）。`,
  "reflector.watch.event": (e) =>
    `${reflector(e.name)} 收到 ${WATCH_TYPE[e.type] ?? e.type}${e.type === "BOOKMARK" || e.type === "ERROR" ? "" : " 事件"}${e.key === undefined ? "" : ` ${e.key}`}，RV ${e.resourceVersion}。`,
  "reflector.watch.end": (e) => {
    const why = e.reason === "closed" ? "服务器关闭了它，于是重新 watch"
      : e.reason === "expired" ? `它的 RV 太旧（${status(e.code ?? 410, "Expired")}），于是重新 LIST`
        : e.reason === "error" ? status(e.code, undefined, e.message)
          : e.reason === "stopped" ? "它被停止了"
            : "它开始后很快就结束了，于是先退避再重试";
    return `${reflector(e.name)} 的 watch 结束：${why}。`;
  },
  "reflector.backoff": (e) => `${reflector(e.name)} 退避 ${duration(e.delayMs, "zh-CN")}后重试。`,
  "reflector.rv": (e) => `${reflector(e.name)} 最后同步的 resourceVersion 现在是 ${e.resourceVersion}。`,
  "reflector.resync": (e) => `${reflector(e.name)} 要求它的队列对缓存中的每个对象做 resync。`,
  "reflector.watchErrorHandler": (e) => `ListAndWatch 失败，${reflector(e.name)} 调用你的 watch 错误处理函数，错误是：${e.message}。`,
  "fifo.queued": (e) => e.fifoKind === undefined
    ? `DeltaFIFO 为 ${e.key} 入队 ${e.delta.type}（RV ${rv(e.delta.rv)}）；键 ${e.key} 现在持有 ${chips(e.deltas)}` +
      `${e.newKey ? `，新键排在队尾（共 ${e.queueLength} 个键）` : ""}。`
    : `${queueName(e.fifoKind, "zh-CN")} 在队尾为 ${e.key} 入队 ${e.delta.type}（RV ${rv(e.delta.rv)}，共 ${e.queueLength} 个条目）。`,
  "fifo.skipped": (e) => `${queueName(e.fifoKind, "zh-CN")} 跳过了 ${e.key} 的 ${e.delta.type}：${SKIPPED[e.reason]}。`,
  "fifo.replace": (e) => e.fifoKind === "realAtomic"
    ? `${queueName(e.fifoKind, "zh-CN")} 把 RV ${e.resourceVersion} 的整个列表（${e.items} 个对象）作为一个 ReplacedAll 条目入队。`
    : `${queueName(e.fifoKind, "zh-CN")} 用 RV ${e.resourceVersion} 的 ${e.items} 个对象替换内容${e.tombstones > 0 ? `，并加入 ${e.tombstones} 个墓碑删除` : ""}。`,
  "fifo.popped": (e) =>
    `${queueName(e.fifoKind, "zh-CN")} 弹出 ${e.key === "" ? chips(e.deltas) : `${e.key}，携带 ${chips(e.deltas)}`}${e.isInInitialList ? "（初始列表）" : ""}` +
    `${e.batch !== undefined ? `，属于一批 ${e.batch} 个` : ""}；剩余 ${e.queueLength} 个${e.fifoKind === undefined ? "键" : "条目"}。`,
  "fifo.closed": (e) => `${queueName(e.fifoKind, "zh-CN")} 已关闭。`,
  "indexer.write": (e) =>
    `${indexer(e.name)} ${e.op === "add" ? "新增" : e.op === "update" ? "更新" : "删除"}了 ${e.key}${e.op === "delete" ? "" : `，RV ${e.resourceVersion}`}。`,
  "indexer.replace": (e) => `${indexer(e.name)} 用 ${e.items} 个对象替换了内容。`,
  "indexer.indexAdded": (e) => `${indexer(e.name)} 新增了索引 "${e.indexName}"。`,
  "indexer.query": (e) => `你的代码读取了 ${indexer(e.name)}：索引 "${e.indexName}" = "${e.value}"，得到 ${e.items} 个对象。`,
  "lister.query": (e) => e.op === "get"
    ? `你的代码从 ${e.name} lister（缓存，而不是 API Server）get ${e.key ?? "?"}：` +
      `${e.items > 0 ? `找到了，RV ${rv(e.resourceVersion)}` : "不在缓存里，所以 get 抛出 NotFound"}。`
    : `你的代码 list 了 ${e.name} lister${e.namespace ? `（命名空间 ${e.namespace}）` : ""}` +
      `${e.selector ? `，选择器 "${e.selector}"` : ""}（缓存，而不是 API Server）：${e.items} 个对象。`,
  "processor.distribute": (e) =>
    `${processor(e.name)}把${notification(e.notification, "zh-CN")}通知 ${e.key}（RV ${rv(e.resourceVersion)}，来自 ${e.deltaType}${e.sync ? "，resync" : ""}）` +
    `${e.listeners.length === 0 ? "发给了零个 listener" : `分发给 listener ${numberList(e.listeners, "zh-CN")}`}。`,
  "processor.listenerAdded": (e) =>
    `${processor(e.name)}添加了 listener #${e.listener}${e.resyncPeriodMs > 0 ? `，每 ${duration(e.resyncPeriodMs, "zh-CN")} resync 一次` : ""}` +
    `${e.requestedResyncMs === undefined ? "" : e.requestedResyncMs > 0
      ? `（它的处理函数申请的是 ${duration(e.requestedResyncMs, "zh-CN")}）` : "（它的处理函数没有申请 resync）"}。`,
  "processor.listenerRemoved": (e) => `${processor(e.name)}移除了 listener #${e.listener}。`,
  "processor.resyncCheck": (e) =>
    e.listeners.length === 0 ? `${processor(e.name)}检查 resync：没有 listener 到期。`
      : `${processor(e.name)}检查 resync：listener ${numberList(e.listeners, "zh-CN")} 到期。`,
  "listener.buffered": (e) =>
    `${listenerOf(e.name, e.listener)} 缓冲了${notification(e.notification, "zh-CN")}通知 ${e.key}（RV ${rv(e.resourceVersion)}）；待处理 ${e.pending} 个。`,
  "listener.synced": (e) => `${listenerOf(e.name, e.listener)} 已同步：初始列表已全部送达。`,
  "handler.called": (e) =>
    `调用 ${handler(e.name, e.listener)}：${method(e.notification)}(${e.key}` +
    `${e.notification === "update" && e.oldResourceVersion !== undefined ? `, RV ${e.oldResourceVersion} → ${e.resourceVersion}` : `, RV ${rv(e.resourceVersion)}`})` +
    `${e.tombstone === true ? "，参数是 DeletedFinalStateUnknown 墓碑" : ""}${e.isInInitialList === true ? "，来自初始列表" : ""}。`,
  "handler.returned": (e) => `${handler(e.name, e.listener)} 从 ${method(e.notification)}(${e.key}) 返回。`,
  "handler.threw": (e) =>
    `${handler(e.name, e.listener)} 在 ${method(e.notification)}(${e.key}) 中抛出异常：${e.message}${e.line === undefined ? "" : `（第 ${e.line} 行）`}。`,
  "workqueue.add": (e) =>
    e.deduplicated
      ? `工作队列 ${e.queue}：${e.key} 已在等待，再次加入不会改变任何东西。`
      : e.processing
        ? `工作队列 ${e.queue}：${e.key} 正在处理，标记为 dirty，处理完后重新入队。`
        : `工作队列 ${e.queue} 加入了 ${e.key}（等待中 ${e.length} 个）。`,
  "workqueue.get": (e) => `${e.worker === undefined ? "一个 worker" : `Worker #${e.worker}`} 从工作队列 ${e.queue} 取出 ${e.key}（剩余 ${e.length} 个）。`,
  "workqueue.done": (e) => `工作队列 ${e.queue}：${e.key} 处理完成${e.requeued ? "；期间它又被加入，因此重新入队" : ""}。`,
  "workqueue.addAfter": (e) => `工作队列 ${e.queue} 将在 ${duration(e.delayMs, "zh-CN")}后（${time(e.readyAt, "zh-CN")}）加入 ${e.key}。`,
  "workqueue.rateLimited": (e) => `工作队列 ${e.queue} 对 ${e.key} 限速：第 ${e.requeues} 次重试在 ${duration(e.delayMs, "zh-CN")}后。`,
  "workqueue.forget": (e) => `工作队列 ${e.queue} 忘记了 ${e.key} 的失败记录。`,
  "workqueue.shutdown": (e) => `工作队列 ${e.queue} 关闭${e.drain ? "（先排空）" : ""}。`,
  "worker.started": (e) => `${e.controller} 的 worker #${e.worker} 已启动。`,
  "worker.reconcile": (e) => `Worker #${e.worker} 正在协调 ${e.key}。`,
  "worker.result": (e) =>
    `Worker #${e.worker} ${e.result === "success" ? "协调成功" : e.result === "error" ? "协调失败" : "要求重新入队"}：${e.key}` +
    `${e.message === undefined ? "" : `（${e.message}）`}${e.requeueAfterMs === undefined ? "" : `，${duration(e.requeueAfterMs, "zh-CN")}后再次处理`}。`,
  "worker.stopped": (e) => `${e.controller} 的 worker #${e.worker} 已停止。`,
  "runner.start": (e) => `运行开始（种子 ${e.seed}，虚拟时间 ${duration(e.durationMs, "zh-CN")}）。`,
  "runner.op": (e) => {
    const who = e.learner ? "你的操作" : "场景操作";
    if (e.detail?.startsWith("failed: ") === true) {
      return `${who}失败：${opPhrase({ ...e, detail: undefined } as TraceOf<"runner.op">)}：${e.detail.slice("failed: ".length)}。`;
    }
    return `${who}：${opPhrase(e)}。`;
  },
  "runner.log": (e) => `你的代码输出：${e.text}`,
  "runner.cacheSync": (e) =>
    `你的 waitForCacheSync 返回 ${e.synced}：${e.results.map((r, i) => `${e.resources?.[i] ?? `#${i + 1}`} ${r ? "已同步" : "未同步"}`).join("，") || "没有要等的缓存"}。`,
  "runner.error": (e) => `你的代码抛出异常：${e.message}${e.line === undefined ? "" : `（第 ${e.line} 行）`}。`,
  "runner.end": (e) =>
    e.reason === "done" ? "运行结束。" : e.reason === "timeout" ? "运行被终止：耗时过长。"
      : e.reason === "eventLimit" ? "运行被终止：追踪事件过多。" : "运行因错误而结束。",
};
