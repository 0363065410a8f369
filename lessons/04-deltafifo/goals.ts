/** Lesson 04 goals: log whole pops, drain the queue, see a popped key rejoin at the back. */
import { events, fail, goal, lastStep, pass, type Goal } from "../_lib/goal-kit.js";

const popLog: Goal = goal({
  id: "pop-log",
  title: {
    en: "Log every `pop` as `pop <key>: <Type>@<rv> …` with all of the key's deltas, oldest first",
    "zh-CN": "把每次 `pop` 打印为 `pop <key>: <Type>@<rv> …`，包含该 key 的全部 delta，最旧的在前",
  },
  check(run) {
    const pops = events(run, "fifo.popped");
    if (pops.length === 0) return fail("Nothing was popped: call fifo.pop(...).");
    for (let i = 0; i < pops.length; i++) {
      const p = pops[i]!;
      const until = pops[i + 1]?.seq ?? lastStep(run) + 1;
      const want = `pop ${p.key}: ${p.deltas.map((d) => `${d.type}@${d.rv}`).join(" ")}`;
      const lines = run.log.filter((l) => l.step > p.seq && l.step < until).map((l) => l.text);
      if (!lines.includes(want)) {
        return fail(`This pop returned ${p.deltas.length} delta(s) for ${p.key}; expected the line "${want}".`, p.seq);
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
    if (lastQueued === undefined) return fail("Nothing was ever queued.");
    if (lastPop === undefined || lastPop.seq < lastQueued.seq || lastPop.queueLength !== 0) {
      return fail(`Keys are still queued at the end (${lastQueued.key} among them): keep popping until pop returns undefined.`, lastQueued.seq);
    }
    const empty = run.log.find((l) => l.text === "empty" && l.step > lastPop.seq);
    if (empty === undefined) return fail('Log "empty" after the last pop.', lastPop.seq);
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
    if (firstPop === undefined) return fail("Nothing was popped.");
    const rejoin = events(run, "fifo.queued", (e) => e.key === "default/web-1" && e.seq > firstPop.seq && e.delta.rv === "19")[0];
    if (rejoin === undefined) return fail("After the first pop, call fifo.update with web-1 at resourceVersion 19.", firstPop.seq);
    if (!rejoin.newKey) return fail("web-1 should have been popped before it is updated again (it was still queued).", rejoin.seq);
    const lastPop = events(run, "fifo.popped").at(-1)!;
    if (lastPop.key !== "default/web-1") return fail(`The last key popped was ${lastPop.key}, not default/web-1: drain the queue.`, lastPop.seq);
    return pass;
  },
});

export default { goals: [popLog, drain, backOfLine], seeds: 2 };
