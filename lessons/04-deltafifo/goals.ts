/** Lesson 04 goals: log whole pops, drain the queue, see a popped key rejoin at the back. */
import { defineMessages, events, fail, goal, lastStep, pass, type Goal } from "../_lib/goal-kit.js";

const M = defineMessages("deltafifo", {
  nothingPopped: {
    en: "Nothing was popped: call `fifo.pop(...)`.",
    "zh-CN": "没有 pop 出任何条目：请调用 `fifo.pop(...)`。",
  },
  popLine: {
    en: "The pop at step {step} returned {count} delta(s) for {key}; expected the line \"{want}\" after it, the log shows {saw}.",
    "zh-CN": "第 {step} 步的 pop 为 {key} 返回了 {count} 个 delta；之后应打印“{want}”，日志里是：{saw}。",
  },
  nothingQueued: {
    en: "Nothing was ever queued.",
    "zh-CN": "从来没有任何条目入队。",
  },
  stillQueued: {
    en: "Keys are still queued at the end ({key} among them): keep popping until `pop` returns `undefined`.",
    "zh-CN": "运行结束时仍有 key 在排队（其中包括 {key}）：请一直 pop，直到 `pop` 返回 `undefined`。",
  },
  noEmpty: {
    en: "After the last pop (step {step}) the log should show \"empty\"; it shows {saw}.",
    "zh-CN": "最后一次 pop（第 {step} 步）之后应打印“empty”，日志里是：{saw}。",
  },
  nothingPoppedShort: {
    en: "Nothing was popped.",
    "zh-CN": "没有 pop 出任何条目。",
  },
  noRejoin: {
    en: "After the first pop (step {step}), call `fifo.update` with web-1 at resourceVersion 19.",
    "zh-CN": "第一次 pop（第 {step} 步）之后，请用 resourceVersion 为 19 的 web-1 调用 `fifo.update`。",
  },
  stillQueuedWeb1: {
    en: "web-1 should have been popped before it is updated again (at step {step} it was still queued).",
    "zh-CN": "web-1 应该先被 pop，再被更新（第 {step} 步时它仍在队列里）。",
  },
  lastPopped: {
    en: "The last key popped was {key}, not default/web-1: drain the queue.",
    "zh-CN": "最后被 pop 的 key 是 {key}，不是 default/web-1：请把队列取空。",
  },
});

const popLog: Goal = goal({
  id: "pop-log",
  title: {
    en: "Log every `pop` as `pop <key>: <Type>@<rv> …` with all of the key's deltas, oldest first",
    "zh-CN": "把每次 `pop` 打印为 `pop <key>: <Type>@<rv> …`，包含该 key 的全部 delta，最旧的在前",
  },
  check(run) {
    const pops = events(run, "fifo.popped");
    if (pops.length === 0) return fail(M.nothingPopped());
    for (let i = 0; i < pops.length; i++) {
      const p = pops[i]!;
      const until = pops[i + 1]?.seq ?? lastStep(run) + 1;
      const want = `pop ${p.key}: ${p.deltas.map((d) => `${d.type}@${d.rv}`).join(" ")}`;
      const lines = run.log.filter((l) => l.step > p.seq && l.step < until).map((l) => l.text);
      if (!lines.includes(want)) {
        return fail(M.popLine({ step: p.seq, count: p.deltas.length, key: p.key, want, saw: { lines } }), p.seq);
      }
    }
    return pass;
  },
});

const drain: Goal = goal({
  id: "drain",
  title: {
    en: "`pop` until it returns `undefined`, then log `empty`; the DeltaFIFO ends with no key queued",
    "zh-CN": "一直 `pop` 到它返回 `undefined`，然后打印 `empty`；DeltaFIFO 最终没有任何排队的 key",
  },
  check(run) {
    const queued = events(run, "fifo.queued");
    const pops = events(run, "fifo.popped");
    const lastQueued = queued.at(-1);
    const lastPop = pops.at(-1);
    if (lastQueued === undefined) return fail(M.nothingQueued());
    if (lastPop === undefined || lastPop.seq < lastQueued.seq || lastPop.queueLength !== 0) {
      return fail(M.stillQueued({ key: lastQueued.key }), lastQueued.seq);
    }
    const empty = run.log.find((l) => l.text === "empty" && l.step > lastPop.seq);
    if (empty === undefined) {
      return fail(M.noEmpty({ step: lastPop.seq, saw: { lines: run.log.filter((l) => l.step > lastPop.seq).map((l) => l.text) } }), lastPop.seq);
    }
    return pass;
  },
});

const backOfLine: Goal = goal({
  id: "back-of-line",
  title: {
    en: "After the first `pop`, `update` web-1 (resourceVersion 19): `fifo.queued` shows web-1 joining the back, and it is the last key popped",
    "zh-CN": "第一次 `pop` 之后 `update` web-1（resourceVersion 19）：`fifo.queued` 显示 web-1 排到队尾，并且它是最后一个被 pop 的 key",
  },
  check(run) {
    const firstPop = events(run, "fifo.popped")[0];
    if (firstPop === undefined) return fail(M.nothingPoppedShort());
    const rejoin = events(run, "fifo.queued", (e) => e.key === "default/web-1" && e.seq > firstPop.seq && e.delta.rv === "19")[0];
    if (rejoin === undefined) return fail(M.noRejoin({ step: firstPop.seq }), firstPop.seq);
    if (!rejoin.newKey) return fail(M.stillQueuedWeb1({ step: rejoin.seq }), rejoin.seq);
    const lastPop = events(run, "fifo.popped").at(-1)!;
    if (lastPop.key !== "default/web-1") return fail(M.lastPopped({ key: lastPop.key }), lastPop.seq);
    return pass;
  },
});

export default { goals: [popLog, drain, backOfLine], seeds: 2 };
