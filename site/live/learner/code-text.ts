/** The words of the live code panel (code-panel.ts), in English and Simplified Chinese. */
import type { LiveLocale } from "../live-i18n.js";

const en = {
  title: "Your handlers",
  hint: "They run in a sandboxed worker (no network). Apply attaches them to the informer that is already following the cluster (client-go's AddEventHandler): the informer is not restarted — no new list, no new watch — and first hands them every cached object as an add (initial list). Applying again replaces them the same way. On the stage they are the newest listener: each call lasts until your code returns in the worker, so a slow handler's backlog waits in that listener's buffer, as in client-go. What your code prints is in the log below; the editor marks the line of your code's newest step (of the step shown, when the view is paused).",
  apply: "Apply", detach: "Detach", editor: "Handler code for live mode",
  compiling: "Compiling…", starting: "Starting your code in its worker…",
  notApplied: "Not attached yet: Apply attaches your handlers to the running informer.",
  attached: (what: string) => `Attached to the running informer: ${what}.`,
  replaying: (what: string, done: number, total: number) =>
    `Attached to the running informer: ${what}. It is replaying its cache to your handlers, one add at a time (initial list): ${done.toLocaleString("en")} of ${total.toLocaleString("en")}.`,
  noFns: "none of addFunc, updateFunc, deleteFunc",
  killed: (s: number) => `Your handler did not return within ${s} s (an endless loop?): its worker was stopped and your handlers detached. The informer and the stage keep following; fix the code and Apply.`,
  failed: (m: string, line?: number) => `Your code could not start${line !== undefined ? ` (line ${line})` : ""}: ${m}`,
  unexpected: (why: string) => `The worker sent something outside the protocol (${why}) and was stopped.`,
  stopped: "Detached: the informer runs on without your handlers.",
  problems: (n: number, line: number, m: string) => `${n} problem${n === 1 ? "" : "s"} in your code, nothing applied. Line ${line}: ${m}`,
  readOnly: "Your clientset can read; writes are refused by the page (start with `npm run live -- --allow-writes` to write).",
  writes: (ns: string) => `Your clientset may write in namespace ${ns} (checked by the page, then by the proxy).`,
};
type Text = typeof en;
const zh: Text = {
  title: "你的处理函数",
  hint: "它们运行在沙箱 worker 中（没有网络）。“应用”会把它们挂到已经在跟随集群的 informer 上（client-go 的 AddEventHandler）：informer 不会重启——没有新的 list，也没有新的 watch——它会先把缓存中的每个对象作为 add（初始列表）交给它们。再次应用会以同样方式替换它们。在舞台上它们是最新的那个 listener：每次调用一直持续到你的代码在 worker 中返回，所以慢的处理函数积压的通知会留在这个 listener 的缓冲区里，与 client-go 相同。你的代码打印的内容在下面的日志里；编辑器会标出你的代码最新一步所在的行（视图暂停时，标出所显示那一步的行）。",
  apply: "应用", detach: "卸下", editor: "实时模式的处理函数代码",
  compiling: "正在编译…", starting: "正在 worker 中启动你的代码…",
  notApplied: "尚未挂上：点击“应用”把你的处理函数挂到正在运行的 informer 上。",
  attached: (what: string) => `已挂到正在运行的 informer：${what}。`,
  replaying: (what: string, done: number, total: number) =>
    `已挂到正在运行的 informer：${what}。它正在把缓存逐个作为 add（初始列表）重放给你的处理函数：${done.toLocaleString("zh-CN")} / ${total.toLocaleString("zh-CN")}。`,
  noFns: "没有 addFunc、updateFunc、deleteFunc 中的任何一个",
  killed: (s: number) => `你的处理函数在 ${s} 秒内没有返回（死循环？）：它的 worker 已被停止，处理函数已卸下。informer 和舞台仍在跟随；修改代码后再应用。`,
  failed: (m: string, line?: number) => `你的代码无法启动${line !== undefined ? `（第 ${line} 行）` : ""}：${m}`,
  unexpected: (why: string) => `worker 发送了协议之外的内容（${why}），已被停止。`,
  stopped: "已卸下：informer 继续运行，不再调用你的处理函数。",
  problems: (n: number, line: number, m: string) => `代码中有 ${n} 个问题，未应用。第 ${line} 行：${m}`,
  readOnly: "你的 clientset 可以读取；写入会被页面拒绝（用 `npm run live -- --allow-writes` 启动才能写入）。",
  writes: (ns: string) => `你的 clientset 可以在命名空间 ${ns} 中写入（先由页面检查，再由代理检查）。`,
};
export const CODE_TEXT: Record<LiveLocale, Text> = { en, "zh-CN": zh };

/** What a learner starts from in #/live (kept as a draft once edited). */
export const LIVE_STARTER = `import type { Clientset, Pod, ResourceEventHandlerFuncs } from "playground";

// Live mode: Apply calls this once per followed resource and attaches the handlers it returns
// to the informer this page runs on the cluster (AddEventHandler on a running informer).
interface Live { log(...values: unknown[]): void; clientset: Clientset; resource: string; namespace: string }

export default function handlers({ log, resource }: Live): ResourceEventHandlerFuncs<Pod> {
  return {
    addFunc: (obj, initial) => log(\`added \${resource} \${obj.metadata.name}\${initial ? " (initial list)" : ""}\`),
    updateFunc: (oldObj, newObj) =>
      log(\`updated \${newObj.metadata.name}: RV \${oldObj.metadata.resourceVersion} → \${newObj.metadata.resourceVersion}\`),
    deleteFunc: (obj) => {
      // A delete the watch missed arrives as a tombstone: { key, obj }.
      const name = (obj as Pod).metadata?.name ?? (obj as { key?: string }).key;
      log(\`deleted \${name}\`);
    },
  };
}
`;
