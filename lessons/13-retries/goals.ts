import { asKnown, type Goal, type RunResult, type TraceKind } from "../../src/index.js";
import { defineMessages, events, fail, goal, learnerRequests, pass, type Ev } from "../_lib/goal-kit.js";
import { syncBeforeWork } from "../_lib/sync-first.js";

const M = defineMessages("retries", {
  billingFromServer: {
    en: "Your code sent a GET for {resource} to the API server at step {step}: read `billing` from the ConfigMap lister (its NotFound is the error to retry on).",
    "zh-CN": "你的代码在第 {step} 步向 API Server 发送了 {resource} 的 GET：请从 ConfigMap 的 Lister 读取 `billing`（它的 NotFound 就是要重试的错误）。",
  },
  wrongPlan: {
    en: "{bill} was created with plan={saw} at step {step}, but `billing` said plan={want} then: copy the plan from the `billing` ConfigMap the lister returns.",
    "zh-CN": "第 {step} 步创建的 {bill} 写的是 plan={saw}，但那时 `billing` 的 plan 是 {want}：请从 Lister 返回的 `billing` ConfigMap 里复制 plan。",
  },
  neverBilled: {
    en: "{count} pod(s) never billed (no ConfigMap bill-<name> on the server at the end), e.g. {examples}.",
    "zh-CN": "有 {count} 个 Pod 从未计费（结束时服务器上没有对应的 ConfigMap bill-<name>），例如 {examples}。",
  },
  wrongRequeues: {
    en: "{key}: retry {n} (step {step}) reported requeues={requeues}.",
    "zh-CN": "{key}：第 {n} 次重试（第 {step} 步）报告的是 requeues={requeues}。",
  },
  tooShort: {
    en: "{key}: retry {n} (step {step}) waited {waited}, less than {min}.",
    "zh-CN": "{key}：第 {n} 次重试（第 {step} 步）只等待了 {waited}，少于 {min}。",
  },
  shortStreak: {
    en: "No key was retried at least 4 times in a row (longest streak: {longest}).",
    "zh-CN": "没有哪个 key 连续重试了至少 4 次（最长的一串是 {longest} 次）。",
  },
  notSlowed: {
    en: "None of {count} retries was slowed by the shared bucket (more than 100 retries are needed).",
    "zh-CN": "{count} 次重试中没有一次被共享的令牌桶拖慢（需要超过 100 次重试）。",
  },
  noRestart: {
    en: "No key failed again after it had succeeded.",
    "zh-CN": "没有哪个 key 在成功之后再次失败。",
  },
  notForgotten: {
    en: "{key} restarted at requeues={requeues} (step {step}): its history was not forgotten.",
    "zh-CN": "{key} 重新开始时 requeues={requeues}（第 {step} 步）：它的历史没有被 forget。",
  },
});

type At<K extends TraceKind> = Ev<K>;

const BASE_MS = 5; // DefaultControllerRateLimiter's per-item base delay

/** Per key, the rate-limited retries, split into streaks at each `forget`. */
function streaks(run: RunResult): Map<string, Array<Array<At<"workqueue.rateLimited">>>> {
  const out = new Map<string, Array<Array<At<"workqueue.rateLimited">>>>();
  for (const e of run.trace) {
    const k = asKnown(e);
    if (k.kind !== "workqueue.rateLimited" && k.kind !== "workqueue.forget") continue;
    const list = out.get(k.key) ?? [[]];
    out.set(k.key, list);
    if (k.kind === "workqueue.forget") {
      if (list[list.length - 1]!.length > 0) list.push([]);
    } else {
      list[list.length - 1]!.push(e as unknown as At<"workqueue.rateLimited">);
    }
  }
  return out;
}

const goals: Goal[] = [
  goal({
    id: "plan-from-lister",
    title: {
      en: "Each bill copies the plan of the `billing` ConfigMap your code read from the ConfigMap lister (never a GET to the API server)",
      "zh-CN": "每张账单都复制你的代码从 ConfigMap Lister 读到的 `billing` ConfigMap 的 plan（从不向 API Server 发 GET）",
    },
    check(run) {
      const get = learnerRequests(run).find((r) => r.verb === "get" && r.resource === "configmaps");
      if (get !== undefined) return fail(M.billingFromServer({ resource: get.resource, step: get.seq }), get.seq);
      // The cache may lag the server by a moment: a plan `billing` has had (before the bill) counts.
      let plan: string | undefined;
      const plans = new Set<string>();
      for (const w of events(run, "server.write", (e) => e.resource === "configmaps")) {
        const name = w.object.metadata.name ?? "";
        const data = (w.object as { data?: Record<string, string> }).data;
        if (name === "billing") {
          plan = data?.["plan"] ?? "basic";
          plans.add(plan);
        } else if (name.startsWith("bill-") && w.type === "ADDED") {
          const saw = data?.["plan"] ?? "";
          if (!plans.has(saw)) return fail(M.wrongPlan({ bill: w.key, saw, step: w.seq, want: plan ?? "basic" }), w.seq);
        }
      }
      return pass;
    },
  }),
  goal({
    id: "every-pod-billed",
    title: {
      en: "Every pod is billed: by the end each pod has a ConfigMap `bill-<name>` on the server (let `reconcile` throw; `workqueue.newController` `maxRetries`)",
      "zh-CN": "每个 Pod 都被计费：到最后，API Server 上每个 Pod 都有一个 ConfigMap `bill-<name>`（让 `reconcile` 抛出异常；`workqueue.newController` 的 `maxRetries`）",
    },
    check(run) {
      const writes = events(run, "server.write");
      const pods = new Set(writes.filter((w) => w.resource === "pods" && w.type === "ADDED").map((w) => w.key));
      const bills = new Set(writes.filter((w) => w.resource === "configmaps" && w.type !== "DELETED").map((w) => w.key));
      const missing = [...pods].filter((k) => !bills.has(k.replace("/", "/bill-")));
      return missing.length === 0 ? pass : fail(M.neverBilled({ count: missing.length, examples: missing.slice(0, 3) }));
    },
  }),
  goal({
    id: "exponential-per-item",
    title: {
      en: "Exponential backoff per item (`addRateLimited`): each key's retries count up 1, 2, 3 … and retry n waits at least 5 ms × 2^(n−1)",
      "zh-CN": "按 key 指数退避（`addRateLimited`）：每个 key 的重试次数依次为 1、2、3 ……，第 n 次重试至少等待 5 毫秒 × 2^(n−1)",
    },
    check(run) {
      let longest = 0;
      for (const [key, list] of streaks(run)) {
        for (const streak of list) {
          longest = Math.max(longest, streak.length);
          for (let i = 0; i < streak.length; i++) {
            const r = streak[i]!;
            if (r.requeues !== i + 1) return fail(M.wrongRequeues({ key, n: i + 1, step: r.seq, requeues: r.requeues }), r.seq);
            if (r.delayMs < BASE_MS * 2 ** i) {
              return fail(M.tooShort({ key, n: i + 1, step: r.seq, waited: { ms: r.delayMs }, min: { ms: BASE_MS * 2 ** i } }), r.seq);
            }
          }
        }
      }
      return longest >= 4 ? pass : fail(M.shortStreak({ longest }));
    },
  }),
  goal({
    id: "overall-bucket",
    title: {
      en: "The overall bucket: some retry waits longer than its own item backoff, because all keys share one 10 qps / burst 100 bucket",
      "zh-CN": "全局令牌桶：某次重试的等待时间超过了它自己的元素退避，因为所有 key 共享一个 10 qps、突发 100 的令牌桶",
    },
    check(run) {
      const all = events(run, "workqueue.rateLimited");
      const slowed = all.find((r) => r.delayMs > BASE_MS * 2 ** (r.requeues - 1));
      if (slowed) return pass;
      return fail(M.notSlowed({ count: all.length }));
    },
  }),
  goal({
    id: "forget-on-success",
    title: {
      en: "`forget` on success: after a key succeeded, its next failure starts over at 5 ms (`requeues` = 1)",
      "zh-CN": "成功时 `forget`：一个 key 成功之后，它的下一次失败重新从 5 毫秒开始（`requeues` = 1）",
    },
    check(run) {
      const restarted = [...streaks(run).values()].filter((list) => list.filter((s) => s.length > 0).length >= 2);
      if (restarted.length === 0) return fail(M.noRestart());
      for (const list of restarted) {
        const second = list.filter((s) => s.length > 0)[1]![0]!;
        if (second.requeues !== 1) {
          return fail(M.notForgotten({ key: second.key, requeues: second.requeues, step: second.seq }), second.seq);
        }
      }
      return pass;
    },
  }),
  syncBeforeWork({
    id: "sync-before-work",
  }),
];

export default { goals, seeds: 3 };
