/**
 * The stage's own labels, in both languages. Passed around as `T` (never read from a global).
 * Every label with a count is a function of the count (`nObjects(1)` → "1 object"), built with
 * site/i18n/plural.ts, so English agrees in number and Chinese uses a measure word.
 * The Reflector's state words (`listing`, `watching`, …) are shown in English in the `reflector-state`
 * hook in every locale (UI.md: its text is exactly one of them); `states` is the localized gloss.
 */
import type { FifoMode as FifoKind } from "../../src/sim/index.js";
import type { Locale as StageLocale } from "../i18n/index.js";
import { plural } from "../i18n/plural.js";
import { formatTime } from "./format-time.js";

/** The informer's queue kind, as the stage names it (derived from the trace: fifo-mode.ts). */
export type { FifoKind, StageLocale };

const en = {
  stageTitle: "Stage",
  apiserver: "API server", reflector: "Reflector", deltafifo: "DeltaFIFO", indexer: "Indexer",
  processor: "Processor", listener: "Listener", handler: "Handler", workqueue: "Workqueue", worker: "Worker",
  keys: "keys", pending: "pending", idle: "idle", stopped: "stopped",
  backoff: "backoff",
  lastRV: "last synced RV", request: "in flight", fromRV: "from RV", none: "none", lastError: "last error",
  sendInitialEvents: "sendInitialEvents",
  sendInitialEventsHint: "A streaming list: one WATCH that first sends every object as ADDED, then a bookmark marking the end of the initial events; no LIST is sent.",
  serverRV: "RV", watches: "open watches", partitioned: "partitioned", partitionRefused: "connection refused", partitionTimeout: "timeouts", compacted: "compacted to RV",
  serverObjects: "Objects on the API server", fifoEmpty: "The queue is empty.", popped: "just popped",
  more: (n: number) => `+${n} more`, showMore: "show 50 more",
  storeEmpty: "The cache is empty.", indexes: "Indexes", noIndexes: "No indexes.",
  listeners: "Listeners and their buffers", bufferEmpty: "buffer empty", handlerLog: "Handler calls",
  noCalls: "No handler call yet.", queue: "queue", dirty: "dirty", processing: "processing", delayed: "delayed",
  workers: "Worker", shutdown: "shut down", reconciling: "reconciling",
  /** A worker's previous reconcile's result (never the one in progress). */
  lastResult: (result: string) => `last: ${result}`,
  play: "Play", pause: "Pause", stepForward: "Step forward", stepBack: "Step back", jumpStart: "Jump to start",
  jumpEnd: "Jump to end", speed: "Speed", scrub: "Step", timeline: "Timeline",
  tables: "Tables", tablesHint: "Show every view as a table",
  actions: "Actions at this step", target: "target", noTarget: "select an object",
  create: "Create", update: "Update", delete: "Delete", label: "Label", bind: "Bind to node", "drop-watch": "Drop watch",
  compact: "Compact", partition: "Partition (refused)", "partition-timeout": "Partition (timeout)", heal: "Heal", restart: "Restart server", "slow-handler": "Slow handler",
  commandPlaceholder: "kubectl-style: get pods · delete pod web-1 · apply -f {kind: Pod, metadata: {name: web-9}}",
  commandLabel: "Command",
  recorded: (what: string, step: number, at: number) => `Recorded ${what} right after step ${step} (t = ${formatTime(at, "en")}); the run repeats with it.`,
  /** The virtual time of the shown step, beside the step counter. */
  clock: (at: number) => `t = ${formatTime(at, "en")}`,
  clockHint: "Virtual time of this step (the simulation's clock; many steps can share one instant)",
  scrubValue: (step: number, total: number, at: number) => `step ${step} of ${total}, ${formatTime(at, "en")}`,
  commandError: "",
  // diffAt: the step number comes first (the one-line note may cut the end of the sentence, never the number)
  running: "Running…", noRun: "No run yet.", diffAt: (n: number) => `At step ${n}, this run departs from the previous one.`,
  diffGo: "Go there", diffMore: "what differs", diffWas: "before", diffNow: "now", diffEnded: "(the run had ended)",
  diffStore: "cache", diffFifo: "DeltaFIFO keys", diffQueue: "workqueue", diffCalls: "handler calls from here",
  informer: "Informer", key: "key", deltas: "deltas", rv: "RV", value: "value", state: "state", count: "count",
  notification: "notification", outcome: "outcome", step: "step", set: "set", time: "t (ms)", resource: "resource",
  field: "field",
  legend: "Delta types",
  nObjects: (n: number) => plural("en", n, { one: "{n} object", other: "{n} objects" }),
  nKeys: (n: number) => plural("en", n, { one: "{n} key", other: "{n} keys" }),
  nEntries: (n: number) => plural("en", n, { one: "{n} entry", other: "{n} entries" }),
  nCalls: (n: number) => plural("en", n, { one: "{n} call", other: "{n} calls" }),
  nWatches: (n: number) => plural("en", n, { one: "{n} open watch", other: "{n} open watches" }),
  nPending: (n: number) => plural("en", n, { other: "{n} pending" }),
  nListeners: (n: number) => plural("en", n, { one: "{n} listener", other: "{n} listeners" }),
  moreKeys: (n: number) => plural("en", n, { one: "+{n} more key", other: "+{n} more keys" }),
  moreEntries: (n: number) => plural("en", n, { one: "+{n} more entry", other: "+{n} more entries" }),
  wqSummary: (q: number, p: number) => `q ${q} · p ${p}`,
  fifoTitle: { delta: "DeltaFIFO", real: "RealFIFO", realAtomic: "RealFIFO (atomic)" } as Record<FifoKind, string>,
  /** The diagram box's title (a box is ~100 units wide). */
  fifoNode: { delta: "DeltaFIFO", real: "RealFIFO", realAtomic: "AtomicFIFO" } as Record<FifoKind, string>,
  fifoHint: {
    delta: "DeltaFIFO: one entry per key, its deltas merged in place",
    real: "RealFIFO: one entry per event, in arrival order (a key may repeat)",
    realAtomic: "RealFIFO in atomic mode (feature gate AtomicFIFO): one entry per event; a relist is one ReplacedAll batch",
  } as Record<FifoKind, string>,
  states: { listing: "listing", watching: "watching", backoff: "backoff", stopped: "stopped" },
  outcomes: { called: "called", returned: "returned", threw: "threw" },
  results: { success: "success", error: "error", requeue: "requeue" },
  terminating: "terminating", tombstone: "tombstone", spaceKey: "Space",
  // timeline: legend, tooltip, keyboard, jump to the next notable moment (issue 21 items 6, 7)
  legendButton: "Legend", legendTitle: "What the timeline shows",
  legendComponents: "One tick per step, coloured by the part that acted:",
  legendMarks: {
    fault: "▼ red: a fault was injected", action: "▼ blue: your action", error: "▼ dark red: an error or a handler exception",
    failed: "│ red line: a goal failed here", diff: "│ orange line: this run departs from the previous one", cursor: "│ the step shown",
  },
  components: {
    server: "API server", fault: "fault", reflector: "Reflector", fifo: "queue (FIFO)", indexer: "Indexer", processor: "Processor",
    listener: "Listener", handler: "Handler", workqueue: "Workqueue", worker: "Worker", runner: "runner (log, start, end)",
  } as Record<string, string>,
  timelineValue: (step: number, total: number, at: number) => `step ${step} of ${total}, ${formatTime(at, "en")}`,
  timelineKeys: "← → one step · Page Up / Page Down a tenth · Home / End",
  tooltip: (step: number, at: number, what: string) => `Step ${step} · t = ${formatTime(at, "en")} · ${what}`,
  jumpLabel: "Next:",
  marks: { "410": "410 Expired", "409": "409 Conflict", relist: "relist", tombstone: "tombstone" } as Record<string, string>,
  markHint: (what: string, n: number) => (n === 0 ? `No ${what} in this run` : `Go to the next ${what} after this step (${n} in this run)`),
};
export type T = typeof en;

const zh: T = {
  stageTitle: "舞台",
  apiserver: "API 服务器", reflector: "Reflector", deltafifo: "DeltaFIFO", indexer: "Indexer",
  processor: "共享处理器", listener: "监听器", handler: "处理函数", workqueue: "工作队列", worker: "Worker",
  keys: "键", pending: "待处理", idle: "空闲", stopped: "已停止",
  backoff: "退避",
  lastRV: "最后同步 RV", request: "进行中", fromRV: "起始 RV", none: "无", lastError: "最近错误",
  sendInitialEvents: "sendInitialEvents",
  sendInitialEventsHint: "流式 list：一个 WATCH 先把每个对象作为 ADDED 发来，再发一个标记初始事件结束的书签；不发送 LIST。",
  serverRV: "RV", watches: "打开的 watch", partitioned: "网络分区", partitionRefused: "连接被拒绝", partitionTimeout: "请求超时", compacted: "已压缩到 RV",
  serverObjects: "API 服务器上的对象", fifoEmpty: "队列为空。", popped: "刚弹出",
  more: (n: number) => `还有 ${n} 个`, showMore: "再显示 50 个",
  storeEmpty: "缓存为空。", indexes: "索引", noIndexes: "没有索引。",
  listeners: "监听器及其缓冲区", bufferEmpty: "缓冲区为空", handlerLog: "处理函数调用",
  noCalls: "尚无处理函数调用。", queue: "队列", dirty: "dirty", processing: "处理中", delayed: "延迟",
  workers: "Worker", shutdown: "已关闭", reconciling: "调谐中",
  lastResult: (result: string) => `上次：${result}`,
  play: "播放", pause: "暂停", stepForward: "前进一步", stepBack: "后退一步", jumpStart: "跳到开头",
  jumpEnd: "跳到结尾", speed: "速度", scrub: "步", timeline: "时间线",
  tables: "表格", tablesHint: "以表格显示每个视图",
  actions: "在此步的操作", target: "目标", noTarget: "请选择一个对象",
  create: "创建", update: "更新", delete: "删除", label: "打标签", bind: "绑定到节点", "drop-watch": "断开 watch",
  compact: "压缩历史", partition: "网络分区（拒绝连接）", "partition-timeout": "网络分区（超时）", heal: "恢复网络", restart: "重启服务器", "slow-handler": "减慢处理函数",
  commandPlaceholder: "kubectl 风格：get pods · delete pod web-1 · apply -f {kind: Pod, metadata: {name: web-9}}",
  commandLabel: "命令",
  recorded: (what: string, step: number, at: number) => `已记录 ${what}，紧接在第 ${step} 步之后（t = ${formatTime(at, "zh-CN")}），将带着它重新运行。`,
  clock: (at: number) => `t = ${formatTime(at, "zh-CN")}`,
  clockHint: "此步的虚拟时间（模拟时钟；许多步可以处于同一时刻）",
  scrubValue: (step: number, total: number, at: number) => `第 ${step} 步，共 ${total} 步，${formatTime(at, "zh-CN")}`,
  commandError: "命令未执行（英文说明）：",
  running: "运行中…", noRun: "尚未运行。", diffAt: (n: number) => `从第 ${n} 步起，本次运行与上次不同。`,
  diffGo: "跳过去", diffMore: "有何不同", diffWas: "之前", diffNow: "现在", diffEnded: "（运行已结束）",
  diffStore: "缓存", diffFifo: "DeltaFIFO 键", diffQueue: "工作队列", diffCalls: "此后的处理函数调用",
  informer: "Informer", key: "键", deltas: "Delta 列表", rv: "RV", value: "值", state: "状态", count: "数量",
  notification: "通知", outcome: "结果", step: "步", set: "集合", time: "t（毫秒）", resource: "资源",
  field: "字段",
  legend: "Delta 类型",
  nObjects: (n: number) => plural("zh-CN", n, { other: "{n} 个对象" }),
  nKeys: (n: number) => plural("zh-CN", n, { other: "{n} 个键" }),
  nEntries: (n: number) => plural("zh-CN", n, { other: "{n} 个条目" }),
  nCalls: (n: number) => plural("zh-CN", n, { other: "{n} 次调用" }),
  nWatches: (n: number) => plural("zh-CN", n, { other: "{n} 个打开的 watch" }),
  nPending: (n: number) => plural("zh-CN", n, { other: "{n} 条待处理" }),
  nListeners: (n: number) => plural("zh-CN", n, { other: "{n} 个监听器" }),
  moreKeys: (n: number) => plural("zh-CN", n, { other: "还有 {n} 个键" }),
  moreEntries: (n: number) => plural("zh-CN", n, { other: "还有 {n} 个条目" }),
  wqSummary: (q: number, p: number) => `队列 ${q} · 处理中 ${p}`,
  fifoTitle: { delta: "DeltaFIFO", real: "RealFIFO", realAtomic: "RealFIFO（原子模式）" },
  fifoNode: { delta: "DeltaFIFO", real: "RealFIFO", realAtomic: "AtomicFIFO" },
  fifoHint: {
    delta: "DeltaFIFO：每个键一个条目，其 delta 原地合并",
    real: "RealFIFO：每个事件一个条目，按到达顺序（同一个键可出现多次）",
    realAtomic: "原子模式的 RealFIFO（特性门控 AtomicFIFO）：每个事件一个条目；一次重新 list 是一个 ReplacedAll 批次",
  },
  states: { listing: "列举中", watching: "监视中", backoff: "退避中", stopped: "已停止" },
  outcomes: { called: "调用", returned: "返回", threw: "抛出异常" },
  results: { success: "成功", error: "出错", requeue: "重新入队" },
  terminating: "删除中", tombstone: "墓碑", spaceKey: "空格",
  legendButton: "图例", legendTitle: "时间线上显示什么",
  legendComponents: "每步一格，颜色表示动作的部件：",
  legendMarks: {
    fault: "▼ 红色：注入了故障", action: "▼ 蓝色：你的操作", error: "▼ 深红：错误或处理函数抛出异常",
    failed: "│ 红线：目标在此失败", diff: "│ 橙线：本次运行从这里起与上次不同", cursor: "│ 当前显示的步",
  },
  components: {
    server: "API 服务器", fault: "故障", reflector: "Reflector", fifo: "队列（FIFO）", indexer: "Indexer", processor: "共享处理器",
    listener: "监听器", handler: "处理函数", workqueue: "工作队列", worker: "Worker", runner: "运行器（日志、开始、结束）",
  },
  timelineValue: (step: number, total: number, at: number) => `第 ${step} 步，共 ${total} 步，${formatTime(at, "zh-CN")}`,
  timelineKeys: "← → 一步 · Page Up / Page Down 十分之一 · Home / End",
  tooltip: (step: number, at: number, what: string) => `第 ${step} 步 · t = ${formatTime(at, "zh-CN")} · ${what}`,
  jumpLabel: "下一个：",
  marks: { "410": "410 Expired", "409": "409 冲突", relist: "重新 LIST", tombstone: "墓碑" },
  markHint: (what: string, n: number) => (n === 0 ? `本次运行没有${what}` : `跳到此步之后的下一个${what}（本次运行共 ${n} 个）`),
};

export const STAGE_TEXT: Record<StageLocale, T> = { en, "zh-CN": zh };
