/**
 * The stage's action bar labels (site/views/stage/action-bar.ts), in both languages: the "Actions"
 * disclosure, its groups, one tooltip per action, the note when no action applies, and the command bar's
 * hint and `help` text. Spread into the stage's labels (stage-i18n.ts `T`); every key is in both.
 */
import type { StageAction } from "./action-ops.js";

const en = {
  actionsMenu: "Actions",
  actionGroups: { objects: "Objects on the API server", faults: "Faults", handlers: "Handlers" },
  actionsNone: "No actions here",
  actionsNoneHint: "Nothing in this run talks to an API server (no informer, no clientset), so there is nothing for an object action or a fault to change. The command bar still answers get and help.",
  actionHints: {
    create: "Create a new object (named so it never collides with the scenario's own)",
    update: "Update the target object (adds an annotation, so its resourceVersion changes)",
    delete: "Delete the target object",
    label: "Set a label on the target object",
    bind: "Bind the target pod to a node, as the scheduler does",
    "drop-watch": "Close every open watch: each reflector watches again from its last resourceVersion",
    compact: "Compact the server's history: a watch from an older resourceVersion gets 410 Expired",
    partition: "Cut the network: every request is refused until Heal",
    "partition-timeout": "Cut the network: every request times out until Heal",
    heal: "End the network partition",
    restart: "Restart the API server: every watch closes",
    "slow-handler": "Make the handler shown (or #0) take 2 s per notification; use the command bar for other values",
  } as Record<StageAction, string>,
  commandHint: "kubectl-style commands at this step; type help for the list; ↑ / ↓ recall earlier commands",
  commandHelp: [
    "Commands (kubectl-style; they act right after the step shown):",
    "  get <resource> [name] [-n ns | -A] [-o yaml|json|wide]  show the API server's objects at this step",
    "  create <kind> <name> [-n ns]        create a pod, configmap, deployment, namespace or service",
    "  apply -f {kind: Pod, metadata: {name: web-9}}   create or update from an inline manifest",
    "  delete <resource> <name> [-n ns]    delete an object",
    "  label <resource> <name> k=v | k-    set or remove a label (--overwrite to change one)",
    "  scale deployment <name> --replicas=n  change how many replicas a Deployment or ReplicaSet wants",
    "  bind pod <name> --node=<node>       bind a pod to a node, as the scheduler does",
    "Faults (the playground's, not kubectl's):",
    "  partition [refused|timeout] [4s]    cut the network (heals itself after the duration, if given)",
    "  heal                                end a partition",
    "  compact                             compact the history: older resourceVersions answer 410 Expired",
    "  drop-watches                        close every open watch",
    "  restart                             restart the API server",
    "  slow-handler <n> <ms>               make handler #n take <ms> per notification",
    "↑ / ↓ recall earlier commands · help shows this list",
  ].join("\n"),
};

const zh: typeof en = {
  actionsMenu: "操作",
  actionGroups: { objects: "API Server 上的对象", faults: "故障", handlers: "处理函数" },
  actionsNone: "此处没有可用操作",
  actionsNoneHint: "本次运行中没有任何部分与 API Server 通信（没有 informer，也没有 clientset），对象操作和故障都不会改变什么。命令栏仍可回答 get 和 help。",
  actionHints: {
    create: "创建一个新对象（名字不会与场景自己的对象冲突）",
    update: "更新目标对象（加一个注解，因此它的 resourceVersion 会变）",
    delete: "删除目标对象",
    label: "给目标对象打一个标签",
    bind: "像调度器那样把目标 Pod 绑定到一个节点",
    "drop-watch": "关闭所有打开的 watch：每个 Reflector 从它最后的 resourceVersion 重新 watch",
    compact: "压缩服务器的历史：从更早的 resourceVersion 开始的 watch 会得到 410 Expired",
    partition: "切断网络：在恢复网络之前，每个请求都被拒绝",
    "partition-timeout": "切断网络：在恢复网络之前，每个请求都超时",
    heal: "结束网络分区",
    restart: "重启 API Server：所有 watch 都会关闭",
    "slow-handler": "让当前显示的处理函数（或 #0）处理每个通知都花 2 秒；其他数值请用命令栏",
  } as Record<StageAction, string>,
  commandHint: "在此步执行 kubectl 风格的命令；输入 help 查看列表；↑ / ↓ 调出之前的命令",
  commandHelp: [
    "命令（kubectl 风格；在当前显示的步之后立即生效）：",
    "  get <资源> [名字] [-n 命名空间 | -A] [-o yaml|json|wide]  显示此步 API Server 上的对象",
    "  create <类型> <名字> [-n 命名空间]   创建 pod、configmap、deployment、namespace 或 service",
    "  apply -f {kind: Pod, metadata: {name: web-9}}   用内联清单创建或更新",
    "  delete <资源> <名字> [-n 命名空间]   删除一个对象",
    "  label <资源> <名字> k=v | k-         设置或删除一个标签（修改已有标签加 --overwrite）",
    "  scale deployment <名字> --replicas=n  修改 Deployment 或 ReplicaSet 期望的副本数",
    "  bind pod <名字> --node=<节点>        像调度器那样把 Pod 绑定到节点",
    "故障（实验场自己的，不是 kubectl 的）：",
    "  partition [refused|timeout] [4s]    切断网络（给出时长则到时自动恢复）",
    "  heal                                结束网络分区",
    "  compact                             压缩历史：更早的 resourceVersion 会得到 410 Expired",
    "  drop-watches                        关闭所有打开的 watch",
    "  restart                             重启 API Server",
    "  slow-handler <n> <毫秒>             让处理函数 #n 处理每个通知都花这么多毫秒",
    "↑ / ↓ 调出之前的命令 · help 显示这份列表",
  ].join("\n"),
};

export const ACTION_TEXT = { en, "zh-CN": zh };
