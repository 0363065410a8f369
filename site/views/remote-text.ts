/**
 * The stage's words for a remote cluster (live mode: `view.server.remote`), merged into stage-i18n's
 * T. The API server box then says what the client saw — requests, watches, watch events — and shows
 * resourceVersions as the opaque strings they are (quoted): the cluster's store and its writes are not
 * in a live trace, so the box never claims them.
 */
import { plural } from "../i18n/plural.js";

const n = (k: number, one: string, other: string) => plural("en", k, { one: `{n} ${one}`, other: `{n} ${other}` });

export const REMOTE_EN = {
  remoteCluster: "Remote cluster",
  /** The box's sub-label (17 characters at most are shown). */
  remoteSub: (requests: number, events: number) => `${requests} req · ${events} ev`,
  remoteFacts: (requests: number, watches: number, events: number) =>
    [`${n(requests, "request", "requests")} sent`, `${n(watches, "watch", "watches")} opened`, `${n(events, "watch event", "watch events")} received`],
  remoteLastRV: (rv: string) => (rv === "" ? "no watch event yet" : `last event RV "${rv}"`),
  remoteNote: "As this client saw it. The cluster's store and its writes are not visible from here; resourceVersions are opaque strings.",
  remoteExplain: (requests: number, watches: number, events: number, rv: string) =>
    `Remote cluster, as this client saw it: ${n(requests, "request", "requests")} sent, ${n(watches, "watch", "watches")} opened, ${n(events, "watch event", "watch events")} received${rv === "" ? "" : `; the last event's resourceVersion is "${rv}" (an opaque string)`} (sub-label: requests · events)`,
};

export const REMOTE_ZH: typeof REMOTE_EN = {
  remoteCluster: "远程集群",
  remoteSub: (requests: number, events: number) => `${requests} 请求 · ${events} 事件`,
  remoteFacts: (requests: number, watches: number, events: number) =>
    [`已发送 ${requests} 个请求`, `已打开 ${watches} 个 watch`, `已收到 ${events} 个 watch 事件`],
  remoteLastRV: (rv: string) => (rv === "" ? "还没有 watch 事件" : `最后事件的 RV "${rv}"`),
  remoteNote: "这是客户端看到的样子。从这里看不到集群的存储和写入；resourceVersion 是不透明的字符串。",
  remoteExplain: (requests: number, watches: number, events: number, rv: string) =>
    `远程集群（客户端所见）：已发送 ${requests} 个请求，已打开 ${watches} 个 watch，已收到 ${events} 个 watch 事件${rv === "" ? "" : `；最后一个事件的 resourceVersion 是 "${rv}"（不透明字符串）`}（副标签：请求 · 事件）`,
};
