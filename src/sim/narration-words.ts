/**
 * The words narration shares between its languages: durations and times without raw floats, counts,
 * object names, listener lists, and prose for every internal token of the trace (reasons, fault kinds),
 * so no token of our code reaches a learner.
 *
 * Contract:
 * - Pure functions of their arguments; a Locale picks the language where the words differ.
 * - `duration(ms)`: under a second in whole milliseconds ("535 ms", "535 毫秒"), else seconds with at most
 *   two decimals ("1.54 s", "30 s", "1.54 秒"). `time(ms)` is the same for a point on the virtual clock.
 * - Chinese output follows lessons/glossary.zh-CN.md: a space between ASCII words and Chinese, none
 *   between Chinese characters or next to full-width punctuation.
 */
import type { DeltaSummary, FifoKind, NotificationType, RequestOrigin, Verb } from "./trace.js";

export type Locale = "en" | "zh-CN";

/** A number with at most `digits` decimals, trailing zeros dropped ("1.5", "2"). */
function decimals(n: number, digits: number): string {
  const s = n.toFixed(digits);
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/** A length of virtual time, as a person reads it: "535 ms", "1.54 s". */
export function duration(ms: number, locale: Locale): string {
  if (!Number.isFinite(ms)) return locale === "en" ? "forever" : "无限长";
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(ms)} ${locale === "en" ? "ms" : "毫秒"}`;
  return `${decimals(ms / 1000, abs < 10_000 ? 2 : 1)} ${locale === "en" ? "s" : "秒"}`;
}

/** A point on the virtual clock ("t = 1.54 s"). */
export function time(ms: number, locale: Locale): string {
  return `t = ${duration(ms, locale)}`;
}

/** "1 key", "2 keys", "no keys" (English); the zh catalogue counts with measure words itself. */
export function count(n: number, one: string, many = `${one}s`): string {
  return n === 0 ? `no ${many}` : `${n} ${n === 1 ? one : many}`;
}

/** "#0", "#0 and #1", "#0, #1 and #2" (en) / "#0、#1 和 #2" (zh). */
export function numberList(ns: readonly number[], locale: Locale): string {
  const items = ns.map((n) => `#${n}`);
  if (items.length <= 1) return items.join("");
  const last = items[items.length - 1]!;
  return locale === "en" ? `${items.slice(0, -1).join(", ")} and ${last}` : `${items.slice(0, -1).join("、")} 和 ${last}`;
}

/** The delta chips of a key, as the stage draws them: "[Added, Updated]". */
export function chips(deltas: readonly DeltaSummary[]): string {
  return `[${deltas.map((d) => (d.tombstone === true ? `${d.type} (tombstone)` : d.type)).join(", ")}]`;
}

/** A resourceVersion as written in prose: the empty one is `""`. */
export function rv(v: string | undefined): string {
  return v === undefined || v === "" ? "\"\"" : v;
}

/** The queue a fifo event came from (absent = DeltaFIFO). */
export function queueName(kind: FifoKind | undefined, locale: Locale): string {
  return kind === "real" ? "RealFIFO" : kind === "realAtomic" ? (locale === "en" ? "RealFIFO (atomic)" : "RealFIFO（原子模式）") : "DeltaFIFO";
}

/** A request's verb as the lessons write it (LIST, WATCH, GET …), with its English article. */
export function verb(v: Verb): string {
  return v.toUpperCase();
}
export function aVerb(v: Verb): string {
  return `${v === "update" ? "an" : "a"} ${verb(v)}`;
}

const SINGULAR_EN: Record<string, string> = {
  pods: "pod", nodes: "node", configmaps: "ConfigMap", services: "service", namespaces: "namespace",
  deployments: "Deployment", replicasets: "ReplicaSet", "pods/binding": "binding",
};
const KIND_ZH: Record<string, string> = {
  pods: "Pod", nodes: "Node", configmaps: "ConfigMap", services: "Service", namespaces: "Namespace",
  deployments: "Deployment", replicasets: "ReplicaSet", "pods/binding": "Binding",
};
/** One object of a resource: "pod default/web-1" (en) / "Pod default/web-1" (zh). */
export function object(resource: string | undefined, key: string, locale: Locale): string {
  if (resource === undefined) return key;
  const noun = (locale === "en" ? SINGULAR_EN : KIND_ZH)[resource] ?? resource;
  return `${noun} ${key}`;
}

/** A notification with its article: "an add", "an update", "a delete" / 新增、更新、删除. */
export function notification(n: NotificationType, locale: Locale): string {
  if (locale === "en") return n === "delete" ? "a delete" : `an ${n}`;
  return n === "add" ? "新增" : n === "update" ? "更新" : "删除";
}

/** The handler method a notification calls. */
export function method(n: NotificationType): string {
  return n === "add" ? "OnAdd" : n === "update" ? "OnUpdate" : "OnDelete";
}

/** A watch event type with its English article: "an ADDED event". */
export function anEvent(type: string): string {
  return `${/^[AEIOU]/.test(type) ? "an" : "a"} ${type}`;
}

/** Who made a request (trace.ts RequestOrigin), as the subject of a sentence. */
export function origin(o: RequestOrigin | undefined, client: string | undefined, informerName: string | undefined, locale: Locale): string {
  const en = locale === "en";
  switch (o) {
    case "code": return en ? "Your code" : "你的代码";
    case "action": return en ? "Your action" : "你的操作";
    case "scenario": return en ? "The scenario" : "场景";
    case "informer": return informerName !== undefined ? (en ? `The ${informerName} Reflector` : `${informerName} 的 Reflector`) : (en ? "A Reflector" : "Reflector");
    case "cluster": return client === "kubelet" ? (en ? "The kubelet" : "kubelet") : (en ? "The cluster" : "集群");
    default:
      if (informerName !== undefined) return en ? `The ${informerName} Reflector` : `${informerName} 的 Reflector`;
      return client !== undefined ? (en ? `The client ${client}` : `客户端 ${client}`) : (en ? "A client" : "一个客户端");
  }
}
