/** The live view's words, in English and Simplified Chinese (the app's two locales). */
export type LiveLocale = "en" | "zh-CN";

const en = {
  title: "Live mode: your informer on a real cluster",
  context: "Context", server: "Server", version: "Server version", namespace: "Namespace", access: "Access",
  readOnly: "read-only", writes: (ns: string) => `writes allowed in ${ns}`, embedded: "the simulated cluster, in the live process",
  viaKubectlProxy: "kubectl proxy (no /live/info): whatever kubectl can reach",
  notReproducible: "A live run is not reproducible: there is no seed, no share link and no run-vs-run diff. Export it as a trace to keep it and replay it.",
  resource: "Resource", labelSelector: "Label selector", start: "Follow", openTrace: "Open a trace file",
  doSomething: "Do something in a terminal, and watch it arrive:",
  following: (r: string, ns: string) => `Following ${r}${ns ? ` in ${ns}` : ""}`,
  replaying: (f: string) => `Replaying the trace ${f} (recorded live, not reproducible)`,
  events: (n: number) => `${n} events`, window: (n: number, min: number) => `live window: last ${n} events or ${min} min`,
  catchingUp: "Catching up with a burst: the stage jumps ahead; tokens rest.",
  dropped: (n: number) => `${n} dropped`, follow: "Follow live", paused: "Paused view (ingestion continues)",
  hold: "Hold the handlers", release: "Release the handlers", export: "Export as trace", stop: "Stop",
  holdHint: "Stops the informer's processing loop from popping: the DeltaFIFO fills with the cluster's real events, and drains when released.",
  highlights: "410s, relists, bookmarks and reconnects",
  highlightsEmpty: "None yet. When the watch expires (410) and the reflector relists, a bookmark arrives, the watch reconnects or a list fails, it is listed here, newest first. Pick one to see the stage at its step.",
  connectError: (m: string) => `Cannot reach the cluster through the proxy: ${m}`,
  badFile: (m: string) => `That file cannot be opened: ${m}`,
  noResource: "Pick at least one resource to follow.",
  twice: (r: string) => `${r} is picked twice.`,
  tooMany: (picked: number, max: number) => `${picked} resources picked: at most ${max} at once. Each resource is one watch, and a page keeps at most ${max} (a browser has 6 connections per host over HTTP/1.1; lists and the page need the rest).`,
  hl: {
    relist: "relist", expired: "410 Expired: the watch's resourceVersion is too old — the reflector relists",
    bookmark: (rv: string) => `BOOKMARK at RV ${rv}`, reconnect: (rv: string) => `re-watch from RV ${rv}`,
    closed: (r: string) => `watch ended (${r})`, backoff: (ms: number) => `backoff ${Math.round(ms)} ms`, listError: (c: number) => `list failed (${c})`,
  },
};
type Text = typeof en;
const zh: Text = {
  title: "实时模式：你的 informer 跑在真实集群上",
  context: "上下文", server: "服务器", version: "服务器版本", namespace: "命名空间", access: "权限",
  readOnly: "只读", writes: (ns: string) => `允许在 ${ns} 中写入`, embedded: "模拟集群（运行在 live 进程中）",
  viaKubectlProxy: "kubectl proxy（没有 /live/info）：kubectl 能访问的一切",
  notReproducible: "实时运行不可复现：没有种子、没有分享链接，也不能与其他运行对比。导出为 trace 才能保存并回放。",
  resource: "资源", labelSelector: "标签选择器", start: "开始跟随", openTrace: "打开 trace 文件",
  doSomething: "在终端里做点什么，然后看它到达：",
  following: (r: string, ns: string) => `正在跟随 ${ns ? `${ns} 中的 ` : ""}${r}`,
  replaying: (f: string) => `正在回放 trace ${f}（实时录制，不可复现）`,
  events: (n: number) => `${n} 个事件`, window: (n: number, min: number) => `实时窗口：最近 ${n} 个事件或 ${min} 分钟`,
  catchingUp: "正在追赶一阵突发事件：舞台直接跳到最新，令牌不动。",
  dropped: (n: number) => `已丢弃 ${n} 个`, follow: "跟随实时", paused: "已暂停视图（仍在接收）",
  hold: "按住处理函数", release: "放开处理函数", export: "导出为 trace", stop: "停止",
  holdHint: "让 informer 的处理循环停止 Pop：DeltaFIFO 会被集群的真实事件填满，放开后再排空。",
  highlights: "410、重新 list、书签与重连",
  highlightsEmpty: "暂时没有。watch 过期（410）后 reflector 重新 list、收到书签、watch 重连或 list 失败时，会列在这里，最新的在最上面。选中一条即可查看舞台在那一步的样子。",
  connectError: (m: string) => `无法通过代理访问集群：${m}`,
  badFile: (m: string) => `无法打开该文件：${m}`,
  noResource: "请至少选择一种要跟随的资源。",
  twice: (r: string) => `${r} 被选了两次。`,
  tooMany: (picked: number, max: number) => `选了 ${picked} 种资源：一次最多 ${max} 种。每种资源占用一个 watch，一个页面最多 ${max} 个（HTTP/1.1 下浏览器对同一主机只有 6 个连接，list 请求和页面本身要用其余的）。`,
  hl: {
    relist: "重新 list", expired: "410 Expired：watch 的 resourceVersion 太旧，reflector 重新 list",
    bookmark: (rv: string) => `书签（BOOKMARK），RV ${rv}`, reconnect: (rv: string) => `从 RV ${rv} 重新 watch`,
    closed: (r: string) => `watch 结束（${r}）`, backoff: (ms: number) => `退避 ${Math.round(ms)} 毫秒`, listError: (c: number) => `list 失败（${c}）`,
  },
};
export const LIVE_TEXT: Record<LiveLocale, Text> = { en, "zh-CN": zh };
export type LiveText = Text;
