/**
 * Every lesson, in Chromium, through the real app (issue 8, browser half): each lesson found in the
 * lesson map (`lesson-link`, so new lessons are covered automatically) opens, runs once, shows its
 * solution (behind the confirm), and then every goal reads `pass`. The lesson's "must show" (LESSONS.md,
 * and the "what to watch" text of its lesson.md) is then checked on the stage: the test walks every step
 * of the run with `window.__stage.seek(n)` and reads the stage through its data-testid hooks (plus a few
 * documented classes where the prose points at them: the Reflector's in-flight request, the Indexer's
 * index buckets, the API server's object rows, the tombstone chip marker). One screenshot per lesson is
 * saved at the step where its must-show is visible (test-results/screenshots/lesson-<id>.png).
 *
 * Debugging: LESSONS_E2E_ONLY=03,16 checks only the lessons with those prefixes; LESSONS_E2E_DUMP=1 writes each
 * scanned run to test-results/snaps-<id>.json (one line per distinct step view).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byTestId, openApp, showSolutionAndWait, waitReady, type AppSession } from "./harness.js";

/** What the stage shows at one step (visible elements only). */
interface Snap {
  step: number;
  /** data-stage of the active stage node, "" when none */
  active: string;
  /** reflector-state text, its data-rv, and the in-flight request line ("in flight: WATCH from RV 3") */
  rs: string;
  rv: string;
  req: string;
  /** the Reflector's backoff / last error line */
  err: string;
  /** how long the request in flight has heard nothing ("nothing heard for 45.0 s"), "" when not silent */
  quiet: string;
  /** one entry per fifo-key, in order: key and its chips (type, rv, tombstone marker) */
  fifo: { key: string; deltas: { type: string; rv: string; tomb: boolean }[] }[];
  /** store-row data-key → data-rv */
  store: [string, string][];
  /** index name → bucket values (the Indexer's index buckets) */
  idx: [string, string[]][];
  /** listener-buffer data-index → data-count */
  lb: [number, number][];
  /** listener-buffer data-index → the notifications it shows (buffered chips and the call in progress) */
  lbn: [number, string[]][];
  /** wq-item data-set:data-key */
  wq: string[];
  /** API server object rows (pods only): data-key */
  server: string[];
  /** listener lanes whose registration reports synced (the ✓ after the lane's name) */
  synced: number[];
  /** workers: "index:state:lastResult" (their w-/r- classes) */
  wk: string[];
  /** the narration, when it says the API server refused a request ("update replicasets 409"), else "" */
  refused: string;
}

/** Runs in the page: seek every step (or every `stride`-th) and read the hooks. Consecutive duplicates are dropped. */
async function scanSteps(app: AppSession, total: number): Promise<Snap[]> {
  return app.page.evaluate(async (total) => {
    const stage = (window as unknown as { __stage: { seek(step: number): void } }).__stage;
    const vis = (e: Element) => (e as HTMLElement).checkVisibility?.({ visibilityProperty: true } as never) ?? e.getClientRects().length > 0;
    const all = (sel: string, root: ParentNode = document) => [...root.querySelectorAll(sel)].filter(vis);
    const out: unknown[] = [];
    let last = "";
    for (let step = 1; step <= total; step++) {
      stage.seek(step);
      const active = all('[data-testid="stage-node"][data-active="true"]')[0]?.getAttribute("data-stage") ?? "";
      const rsEl = all('[data-testid="reflector-state"]')[0];
      const req = rsEl?.parentElement?.querySelector(".pending")?.textContent ?? "";
      const err = rsEl?.parentElement?.querySelector(".error")?.textContent ?? "";
      const quiet = rsEl?.parentElement?.querySelector(".silence")?.textContent ?? "";
      const fifo = all('[data-testid="fifo-key"]').map((k) => ({
        key: k.getAttribute("data-key") ?? "",
        deltas: all('[data-testid="fifo-delta"]', k).map((d) => ({
          type: d.getAttribute("data-type") ?? "", rv: d.getAttribute("data-rv") ?? "", tomb: d.classList.contains("tombstone"),
        })),
      }));
      const store = all('[data-testid="store-row"]').map((r) => [r.getAttribute("data-key") ?? "", r.getAttribute("data-rv") ?? ""]);
      const idx = all(".stage .indexes .index").map((g) => [
        (g.querySelector(".index-name")?.textContent ?? "").replace(/^[^:：]*[:：]\s*/, ""),
        all(".bucket", g).map((b) => b.getAttribute("data-value") ?? ""),
      ]);
      const lb = all('[data-testid="listener-buffer"]').map((l) => [Number(l.getAttribute("data-index")), Number(l.getAttribute("data-count"))]);
      const lbn = all('[data-testid="listener-buffer"]').map((l) => [Number(l.getAttribute("data-index")),
        [...l.querySelectorAll(".buffer .note, .active")].map((n) => (n.textContent ?? "").replace(/^▶\s*/, "")).filter((t) => t !== "")]);
      const wq = all('[data-testid="wq-item"]').map((w) => `${w.getAttribute("data-set")}:${w.getAttribute("data-key")}`);
      const server = all(".stage .server-row").filter((r) => r.querySelector(".res")?.textContent === "pods").map((r) => r.getAttribute("data-key") ?? "");
      const synced = all('[data-testid="listener-buffer"]').filter((l) => /✓/.test(l.querySelector(".name")?.textContent ?? "")).map((l) => Number(l.getAttribute("data-index")));
      const wk = all(".stage .workers .worker").map((w) => `${w.getAttribute("data-index")}:${/\bw-(\S+)/.exec(w.className)?.[1] ?? ""}:${/\br-(\S+)/.exec(w.className)?.[1] ?? ""}`);
      const narr = all('[data-testid="narration"]')[0]?.textContent ?? "";
      const ref = /API server refused the (\S+) of (\S+): (\d{3})/.exec(narr);
      const refused = ref === null ? "" : `${ref[1]!.toLowerCase()} ${ref[2]} ${ref[3]}`;
      const body = { active, rs: rsEl?.textContent ?? "", rv: rsEl?.getAttribute("data-rv") ?? "", req, err, quiet, fifo, store, idx, lb, lbn, wq, server, synced, wk, refused };
      const json = JSON.stringify(body);
      if (json !== last || step === total) out.push({ step, ...body });
      last = json;
      if (step % 200 === 0) await new Promise((r) => setTimeout(r, 0));
    }
    return out as never;
  }, total);
}

// ── facts over the scanned steps ──

const first = (snaps: Snap[], p: (s: Snap) => boolean, from = 0): number => {
  for (const s of snaps) if (s.step >= from && p(s)) return s.step;
  return -1;
};
const keyOf = (s: Snap, key: string) => s.fifo.find((k) => k.key === key);
const deltaText = (k: Snap["fifo"][number] | undefined) => (k === undefined ? "" : k.deltas.map((d) => `${d.type}@${d.rv}`).join(" "));
const has = (s: Snap, key: string) => s.store.some(([k]) => k === key);
const bufferOf = (s: Snap, index: number) => s.lb.find(([i]) => i === index)?.[1] ?? -1;
/** Every notification shown in any listener lane (buffered or being handled) at or after `from`. */
const notesFrom = (snaps: Snap[], from: number) => new Set(snaps.filter((s) => s.step >= from).flatMap((s) => s.lbn.flatMap(([, n]) => n)));
const reqRV = (s: Snap) => /\s(\S+)$/.exec(s.req)?.[1]?.replace(/^""$/, "") ?? null;

/** Every lesson's must-show, as facts read from the stage. Returns the step worth a screenshot. */
type MustShow = (snaps: Snap[]) => number;
const MUST_SHOW: Record<string, MustShow> = {
  // the whole pipeline animated once, end to end
  "01": (snaps) => {
    for (const st of ["apiserver", "reflector", "deltafifo", "indexer", "processor", "listener", "handler"]) {
      expect(first(snaps, (s) => s.active === st), `stage-node ${st} is never data-active`).toBeGreaterThan(0);
    }
    // one event travels the whole way in order: FIFO → Indexer → processor → listener → handler
    // (the informer pops the FIFO and updates the cache before any handler runs: the seed article's mistake, shown)
    const chain = ["deltafifo", "indexer", "processor", "listener", "handler"];
    const seq = snaps.filter((s) => s.active !== "");
    const at = seq.findIndex((_, i) => chain.every((st, j) => seq[i + j]?.active === st));
    expect(at, `no step sequence ${chain.join(" → ")}: ${seq.map((s) => s.active).join(",")}`).toBeGreaterThanOrEqual(0);
    expect(first(snaps, (s) => s.active === "reflector")).toBeLessThan(seq[at]!.step);
    return seq[at + 4]!.step;
  },
  // resourceVersion, list RV "0", watch from the list's RV
  "02": (snaps) => {
    const listing = first(snaps, (s) => s.rs === "listing");
    expect(listing, "reflector-state never shows listing").toBeGreaterThan(0);
    expect(snaps.some((s) => s.rs === "listing" && reqRV(s) === "0"), "the first LIST asks for resourceVersion \"0\"").toBe(true);
    const watching = first(snaps, (s) => s.rs === "watching", listing);
    expect(watching, "reflector-state never turns to watching after listing").toBeGreaterThan(listing);
    const w = snaps.find((s) => s.step === watching)!;
    expect(w.rv).toMatch(/^\d+$/);
    // the WATCH request carries the list's resourceVersion (the Reflector's last synced RV)
    const req = snaps.find((s) => s.step >= watching && s.rs === "watching" && /watch/i.test(s.req));
    expect(req, "no WATCH request is shown in flight").toBeDefined();
    expect(reqRV(req!)).toBe(req!.rv);
    // the watch keeps the number moving: three writes after the list, each a new last RV
    const rvs = new Set(snaps.filter((s) => s.step >= watching && s.rs === "watching").map((s) => s.rv));
    expect(rvs.size, `data-rv while watching: ${[...rvs].join(",")}`).toBeGreaterThanOrEqual(4);
    return watching;
  },
  // clean close ⇒ re-watch from last RV; 410 ⇒ relist; backoff
  "10": (snaps) => {
    const watching = first(snaps, (s) => s.rs === "watching");
    const backoff = first(snaps, (s) => s.rs === "backoff", watching);
    expect(backoff, "reflector-state never shows backoff").toBeGreaterThan(watching);
    // the clean close at 4 s: a new WATCH from the last RV (not the first watch's RV), no LIST, before any backoff
    const firstWatch = reqRV(snaps.find((s) => s.step >= watching && /watch/i.test(s.req))!);
    const rewatch = first(snaps, (s) => s.step < backoff && /watch/i.test(s.req) && reqRV(s) === s.rv && s.rv !== firstWatch, watching);
    expect(rewatch, "no re-watch from the last resourceVersion after the clean close").toBeGreaterThan(0);
    expect(snaps.filter((s) => s.step > watching && s.step < backoff).every((s) => s.rs !== "listing"), "a clean close must not relist").toBe(true);
    const relist = first(snaps, (s) => s.rs === "listing", backoff);
    expect(relist, "no relist after the backoff (410 Expired)").toBeGreaterThan(backoff);
    // the 410 is shown before the relist
    expect(snaps.some((s) => s.step > backoff && s.step <= relist && /410|expired/i.test(s.err)), "the 410 Expired error is never shown").toBe(true);
    const relistReq = snaps.find((s) => s.step >= relist && /list/i.test(s.req) && !/watch/i.test(s.req));
    expect(relistReq, "the relist request is never shown in flight").toBeDefined();
    expect(reqRV(relistReq!), "the relist asks for the last RV, not \"0\"").toBe(relistReq!.rv);
    expect(relistReq!.rv).not.toBe("0");
    const replaced = first(snaps, (s) => s.fifo.some((k) => k.deltas.some((d) => d.type === "Replaced")), relist);
    expect(replaced, "the relist queues Replaced deltas").toBeGreaterThan(0);
    expect(first(snaps, (s) => s.rs === "watching", relist)).toBeGreaterThan(relist);
    // a relist is not a restart: the new pod is an add, the known ones (changed or not) are updates
    const after = notesFrom(snaps, replaced);
    for (const n of ["add default/web-4", "update default/web-1", "update default/web-2", "update default/web-3"]) {
      expect(after.has(n), `after the relist the listener lane never shows "${n}"`).toBe(true);
    }
    expect(after.has("add default/web-2"), "a known pod must not come back as an add").toBe(false);
    // the timeout partition: the open watch says how long it has heard nothing, then ends with the client's
    // 500 ("connection lost"); the relist's dial times out; after the heal a relist and a watch again
    const hanging = first(snaps, (s) => s.rs === "watching" && /nothing heard for/.test(s.quiet), relist);
    expect(hanging, "a watch hanging in the timeout partition never says it has heard nothing").toBeGreaterThan(relist);
    const lost = first(snaps, (s) => /client connection lost/.test(s.err), hanging);
    expect(lost, "the lost watch's 500 is never shown").toBeGreaterThan(hanging);
    const dial = first(snaps, (s) => /DialTimeout|i\/o timeout/.test(s.err), lost);
    expect(dial, "the relist's dial timeout is never shown").toBeGreaterThan(lost);
    expect(first(snaps, (s) => /no answer for/.test(s.quiet) && /list/i.test(s.req), lost), "the waiting relist never says it has no answer").toBeGreaterThan(lost);
    expect(first(snaps, (s) => s.rs === "watching", dial), "no watch again after the heal").toBeGreaterThan(dial);
    return hanging;
  },
  // per-key delta lists, keys keep their place, only adjacent deletes collapse
  "04": (snaps) => {
    const full = first(snaps, (s) => deltaText(keyOf(s, "default/web-2")) === "Added@11 Deleted@13 Added@17 Deleted@18");
    expect(full, "web-2's row never shows Added@11 Deleted@13 Added@17 Deleted@18").toBeGreaterThan(0);
    const s = snaps.find((x) => x.step === full)!;
    expect(s.fifo.map((k) => k.key)).toEqual(["default/web-1", "default/web-2", "default/db-1"]);
    expect(deltaText(keyOf(s, "default/web-1"))).toBe("Added@10 Updated@12 Updated@15");
    expect(snaps.some((x) => keyOf(x, "default/ghost") !== undefined), "a delete of an unknown key is dropped").toBe(false);
    // after the first pop web-1 comes back at the back of the line
    expect(snaps.some((x) => x.fifo.map((k) => k.key).join(" ") === "default/web-2 default/db-1 default/web-1"), "web-1 rejoins at the back").toBe(true);
    return full;
  },
  // byIndex, namespace index, listers read the cache
  "05": (snaps) => {
    const idx = first(snaps, (s) => {
      const m = new Map(s.idx);
      return (m.get("namespace") ?? []).includes("team-a") && (m.get("namespace") ?? []).includes("default") && (m.get("byNode") ?? []).includes("node-a");
    });
    expect(idx, "the Indexer never shows the namespace index (default, team-a) and the byNode buckets").toBeGreaterThan(0);
    const full = first(snaps, (s) => s.store.length >= 5 && has(s, "team-a/api-2"));
    expect(full, "store-rows for the listed pods").toBeGreaterThan(0);
    const gone = first(snaps, (s) => !has(s, "team-a/api-2") && has(s, "default/web-4"), full);
    expect(gone, "team-a/api-2 leaves the Indexer after its delete").toBeGreaterThan(full);
    expect(first(snaps, (s) => has(s, "team-a/api-3"), gone)).toBeGreaterThan(0);
    return Math.max(idx, full);
  },
  // the cache decides; a pod delete arrives as an update (terminating) and then a delete
  "06": (snaps) => {
    const both = first(snaps, (s) => /^Updated@\d+ Deleted@\d+$/.test(deltaText(keyOf(s, "default/web-2"))));
    expect(both, "default/web-2 never holds Updated and Deleted in the DeltaFIFO").toBeGreaterThan(0);
    const rvs = new Set(snaps.filter((s) => has(s, "default/web-2")).map((s) => s.store.find(([k]) => k === "default/web-2")![1]));
    expect(rvs.size, "web-2 stays in the Indexer with a new RV after the delete request").toBeGreaterThanOrEqual(2);
    // the relist (after the heal at 14 s): Replaced for every pod; the cache decides: web-5 is an add, web-1 one update
    const relist = first(snaps, (s) => keyOf(s, "default/web-5")?.deltas.some((d) => d.type === "Replaced") === true);
    expect(relist, "web-5 never sits in the DeltaFIFO as a Replaced delta").toBeGreaterThan(0);
    const after = notesFrom(snaps, relist);
    expect(after.has("add default/web-5"), "web-5 (Replaced) never reaches a lane as an add").toBe(true);
    expect(after.has("update default/web-1"), "re-created web-1 never reaches a lane as an update").toBe(true);
    expect(after.has("delete default/web-1") || after.has("add default/web-1"), "web-1's delete + create, seen only by the relist, is one update").toBe(false);
    return both;
  },
  // a delete missed during an outage arrives as a tombstone
  "07": (snaps) => {
    const tomb = first(snaps, (s) => keyOf(s, "default/web-2")?.deltas.some((d) => d.type === "Deleted" && d.tomb) === true);
    expect(tomb, "web-2's row never shows a Deleted delta marked as a tombstone").toBeGreaterThan(0);
    expect(snaps.find((s) => s.step === tomb)!.server.includes("default/web-2"), "web-2 is already gone from the server").toBe(false);
    const removed = first(snaps, (s) => !has(s, "default/web-2"), tomb);
    expect(removed, "the tombstone removes web-2 from the Indexer").toBeGreaterThan(tomb);
    return tomb;
  },
  // same-RV updates (Sync deltas), per-handler resync periods
  "08": (snaps) => {
    const sync = first(snaps, (s) => s.fifo.some((k) => k.deltas.some((d) => d.type === "Sync")));
    expect(sync, "no Sync delta is ever queued").toBeGreaterThan(0);
    const s = snaps.find((x) => x.step === sync)!;
    // a Sync delta replays the cache: same RV as the cached object, while the Reflector just keeps watching
    const k = s.fifo.find((x) => x.deltas.some((d) => d.type === "Sync"))!;
    expect(s.store.find(([key]) => key === k.key)?.[1]).toBe(k.deltas.find((d) => d.type === "Sync")!.rv);
    expect(s.rs).toBe("watching");
    expect(s.lb.length, "two handlers, two listener lanes").toBe(2);
    // resync notifications (an update whose key's last delta was Sync) reach only the due listener:
    // B (#1, 1 s) gets them alone, A (#0, 10 s) only at 10 s
    const lastType = new Map<string, string>();
    const gotSync = new Set<number>();
    let alone = -1;
    for (const x of snaps) {
      for (const f of x.fifo) lastType.set(f.key, f.deltas.at(-1)!.type);
      const syncNotes = (i: number) => (x.lbn.find(([j]) => j === i)?.[1] ?? []).filter((n) => /^update /.test(n) && lastType.get(n.slice(7)) === "Sync");
      for (const [i] of x.lbn) if (syncNotes(i).length > 0) gotSync.add(i);
      if (alone < 0 && syncNotes(1).length > 0 && bufferOf(x, 0) === 0 && (x.lbn.find(([j]) => j === 0)?.[1].length ?? 0) === 0) alone = x.step;
    }
    expect(alone, "a resync update never reaches handler B while handler A's lane stays empty").toBeGreaterThan(0);
    expect([...gotSync].sort(), "both handlers get resync updates (A at 10 s)").toEqual([0, 1]);
    return alone;
  },
  // one informer per type; late handler gets initial adds
  "09": (snaps) => {
    expect(snaps.some((s) => s.lb.length === 2), "two listener lanes on one informer").toBe(true);
    const late = first(snaps, (s) => bufferOf(s, 1) >= 3 && bufferOf(s, 0) === 0);
    expect(late, "the late listener's lane never fills with the cached pods while the other stays quiet").toBeGreaterThan(0);
    // web-9: one notification, in both lanes
    const both = first(snaps, (s) => s.lbn.length === 2 && s.lbn.every(([, notes]) => notes.includes("add default/web-9")));
    expect(both, "web-9's add never shows in both listener lanes").toBeGreaterThan(0);
    return late;
  },
  // hasSynced for the informer and per registration
  "03": (snaps) => {
    const gap = first(snaps, (s) => s.store.length >= 6 && bufferOf(s, 0) >= 3);
    expect(gap, "the cache never holds all six pods while handler #0 still has adds waiting").toBeGreaterThan(0);
    // informer synced ≠ registration synced: the lane is not marked synced while its initial adds wait
    expect(snaps.find((s) => s.step === gap)!.synced.includes(0), "listener #0 is marked synced while its initial adds still wait").toBe(false);
    const drained = first(snaps, (s) => s.store.length >= 6 && bufferOf(s, 0) === 0, gap);
    expect(drained).toBeGreaterThan(gap);
    expect(first(snaps, (s) => s.synced.includes(0), gap), "listener #0's registration never shows synced").toBeGreaterThan(gap);
    return gap;
  },
  // per-listener buffers grow; others keep flowing
  "11": (snaps) => {
    const step = first(snaps, (s) => bufferOf(s, 0) >= 5 && s.lb.some(([i, n]) => i !== 0 && n <= 2));
    expect(step, "listener #0's buffer never reaches 5 while another stays at ≤ 2").toBeGreaterThan(0);
    return step;
  },
  // dedup, processing set, re-add during processing
  "12": (snaps) => {
    const both = first(snaps, (s) => s.wq.includes("processing:default/web-1") && s.wq.includes("dirty:default/web-1"));
    expect(both, "default/web-1 is never dirty while processing").toBeGreaterThan(0);
    expect(snaps.find((s) => s.step === both)!.wq.includes("queue:default/web-1"), "a key re-added while processing is not in the queue").toBe(false);
    return both;
  },
  // exponential backoff per item, overall bucket
  "13": (snaps) => {
    const delayed = first(snaps, (s) => s.wq.some((w) => w.startsWith("delayed:")));
    expect(delayed, "no wq-item is ever delayed").toBeGreaterThan(0);
    const many = first(snaps, (s) => s.wq.filter((w) => w.startsWith("delayed:")).length >= 10);
    expect(many, "the failing keys never wait together").toBeGreaterThan(0);
    // failures first, then, once billing exists, successes
    const failed = first(snaps, (s) => s.wk.some((w) => w.endsWith(":error")));
    expect(failed, "no worker ever shows a failed reconcile").toBeGreaterThan(0);
    expect(first(snaps, (s) => s.wk.some((w) => w.endsWith(":success")), failed), "no reconcile succeeds after the failures").toBeGreaterThan(failed);
    return many;
  },
  // level-triggered reconcile from the lister
  "14": (snaps) => {
    const proc = first(snaps, (s) => s.wq.some((w) => /^processing:default\/(web|api)$/.test(w)));
    expect(proc, "a ReplicaSet key is never processing").toBeGreaterThan(0);
    // a status write refused with 409 Conflict, the reconcile fails, the key comes back, and a later reconcile succeeds
    const conflict = first(snaps, (s) => s.refused === "update replicasets 409");
    expect(conflict, "the API server never refuses a ReplicaSet update with 409 on the stage").toBeGreaterThan(0);
    const failed = first(snaps, (s) => s.wk.some((w) => w.endsWith(":error")), conflict);
    expect(failed, "no worker shows the failed reconcile after the 409").toBeGreaterThan(0);
    expect(first(snaps, (s) => s.wq.some((w) => /^(queue|delayed):default\/(web|api)$/.test(w)), failed), "the conflicted key is never requeued").toBeGreaterThan(0);
    expect(first(snaps, (s) => s.wk.some((w) => w.endsWith(":success")), failed), "no reconcile succeeds after the 409").toBeGreaterThan(0);
    return conflict;
  },
  // leaving a selector arrives as DELETED
  "15": (snaps) => {
    const out = first(snaps, (s) => keyOf(s, "default/fe-1")?.deltas.some((d) => d.type === "Deleted" && !d.tomb) === true);
    expect(out, "fe-1 leaving the selector never shows as a Deleted delta").toBeGreaterThan(0);
    expect(snaps.some((s) => has(s, "default/be-1")), "a backend pod entered the cache").toBe(false);
    return out;
  },
  // in-order FIFO, streaming list
  "16": (snaps) => {
    expect(snaps.filter((s) => s.fifo.length > 0).length).toBeGreaterThan(0);
    // streaming list: the first request is a WATCH from RV "" (sendInitialEvents), and no LIST is ever in flight
    expect(first(snaps, (s) => /watch/i.test(s.req) && reqRV(s) === ""), "no streaming WATCH from RV \"\"").toBeGreaterThan(0);
    const list = snaps.find((s) => /\blist\b/i.test(s.req));
    expect(list, `a LIST is shown in flight at step ${list?.step}: "${list?.req}"`).toBeUndefined();
    expect(snaps.every((s) => s.fifo.every((k) => k.deltas.length === 1)), "RealFIFO: one delta per entry").toBe(true);
    const tomb = first(snaps, (s) => s.fifo[0]?.key === "default/web-2" && s.fifo[0].deltas[0]!.tomb && s.fifo.some((k) => k.deltas[0]!.type === "Replaced"));
    expect(tomb, "after the relist, web-2's tombstone never heads the FIFO ahead of the Replaced entries").toBeGreaterThan(0);
    return tomb;
  },
  // the cache still converges to the server
  "17": (snaps) => {
    const backoff = first(snaps, (s) => s.rs === "backoff");
    expect(backoff, "reflector-state never shows backoff").toBeGreaterThan(0);
    expect(first(snaps, (s) => s.rs === "watching", backoff), "never watching again after backoff").toBeGreaterThan(backoff);
    expect(snaps.some((s) => /410|expired/i.test(s.err)), "the 410 Expired error is never shown").toBe(true);
    const tomb = first(snaps, (s) => s.fifo.some((k) => k.deltas.some((d) => d.type === "Deleted" && d.tomb)));
    expect(tomb, "no tombstone in the FIFO after the relist").toBeGreaterThan(0);
    expect(first(snaps, (s) => s.rs === "listing", backoff), "no relist after the backoff").toBeGreaterThan(0);
    // default/web-1, deleted and re-created during the partition, comes back as one update
    const after = notesFrom(snaps, tomb);
    expect(after.has("update default/web-1"), "default/web-1 never reaches a lane as an update after the relist").toBe(true);
    expect(after.has("delete default/web-1"), "default/web-1 must not arrive as a delete after the relist").toBe(false);
    const end = snaps.at(-1)!;
    expect(end.store.map(([k]) => k).sort()).toEqual([...end.server].sort());
    return tomb;
  },
};

/**
 * Must-shows keyed by the lesson's id without its number (lessons get renumbered when the course is
 * reordered; the slug stays). Consulted before MUST_SHOW.
 */
const MUST_SHOW_BY_SLUG: Record<string, MustShow> = {
  // lesson 15b: every pod reaches the cache (no selector here), fe-2 deleted during the partition comes
  // back after the relist as a tombstone and leaves the Indexer; the cache converges to the server.
  "transforms": (snaps) => {
    const fe2 = "default/fe-2";
    expect(first(snaps, (s) => has(s, "default/be-1")), "the backend pod never reaches the cache (15b has no selector)").toBeGreaterThan(0);
    const tomb = first(snaps, (s) => keyOf(s, fe2)?.deltas.some((d) => d.type === "Deleted" && d.tomb) === true);
    expect(tomb, `the relist never shows ${fe2} as a Deleted tombstone in the DeltaFIFO`).toBeGreaterThan(0);
    expect(first(snaps, (s) => !has(s, fe2), tomb), `${fe2} never leaves the Indexer after its tombstone`).toBeGreaterThan(tomb);
    const end = snaps.at(-1)!;
    expect(end.store.map(([k]) => k).sort(), "the cache converges to the server").toEqual([...end.server].sort());
    return tomb;
  },
  // lesson 4b: the relist queues web-2 (deleted during the gap) as a Deleted tombstone found in the
  // cache, and the resync after the drain queues a Sync for every cached pod, web-2 not among them.
  "replace-and-resync": (snaps) => {
    const web2 = "default/web-2";
    const tomb = first(snaps, (s) => keyOf(s, web2)?.deltas.some((d) => d.type === "Deleted" && d.tomb) === true);
    expect(tomb, `the relist never shows ${web2} with a Deleted tombstone chip in the DeltaFIFO`).toBeGreaterThan(0);
    const sync = first(snaps, (s) => s.fifo.some((k) => k.deltas.some((d) => d.type === "Sync")), tomb);
    expect(sync, "the resync never shows a Sync delta in the DeltaFIFO").toBeGreaterThan(tomb);
    const synced = new Set(snaps.filter((s) => s.step >= sync).flatMap((s) => s.fifo.filter((k) => k.deltas.some((d) => d.type === "Sync")).map((k) => k.key)));
    expect([...synced].sort(), "the resync replays the cache: every pod of the second LIST, not the deleted one").toEqual(["default/db-1", "default/web-1", "default/web-3"]);
    return tomb;
  },
  // kubectl meets your informer: a label-only update, a graceful delete seen as update then delete, and
  // a relist after the compaction (410) — each as the stage shows it.
  "kubectl-meets-your-informer": (snaps) => {
    const demo = "default/demo-1", web = "default/web-1";
    const created = first(snaps, (s) => has(s, demo));
    expect(created, `${demo} (kubectl run) never reaches the Indexer`).toBeGreaterThan(0);
    const createdRv = snaps.find((s) => s.step === created)!.store.find(([k]) => k === demo)![1];
    const labelled = first(snaps, (s) => /Updated/.test(deltaText(keyOf(s, demo))), created);
    expect(labelled, `kubectl label: ${demo} never shows an Updated delta in the DeltaFIFO`).toBeGreaterThan(0);
    const relabelled = first(snaps, (s) => { const rv = s.store.find(([k]) => k === demo)?.[1]; return rv !== undefined && rv !== createdRv; }, labelled);
    expect(relabelled, `kubectl label: the Indexer never shows ${demo} at a new resourceVersion`).toBeGreaterThan(0);
    const terminating = first(snaps, (s) => /Updated/.test(deltaText(keyOf(s, web))));
    expect(terminating, `kubectl delete: ${web} is never first seen as an update (deletionTimestamp)`).toBeGreaterThan(0);
    const gone = first(snaps, (s) => /Deleted/.test(deltaText(keyOf(s, web))), terminating);
    expect(gone, `kubectl delete: ${web} is never deleted after its update`).toBeGreaterThan(terminating);
    const removed = first(snaps, (s) => !has(s, web), gone);
    expect(removed, `kubectl delete: ${web} never leaves the Indexer`).toBeGreaterThan(gone);
    expect(first(snaps, (s) => has(s, web), removed), `${web} is back in the Indexer after its delete`).toBe(-1);
    const expired = first(snaps, (s) => /410|expired/i.test(s.err), gone);
    expect(expired, "the re-watch after the compaction never shows 410 Expired").toBeGreaterThan(0);
    const relist = first(snaps, (s) => s.rs === "listing", expired);
    expect(relist, "no relist after the 410").toBeGreaterThan(0);
    expect(first(snaps, (s) => s.rs === "watching", relist), "never watching again after the relist").toBeGreaterThan(relist);
    const end = snaps.at(-1)!;
    expect(end.store.map(([k]) => k).sort(), "the cache converges to the server").toEqual([...end.server].sort());
    return relist;
  },
};

/** The stage panel worth seeing in each lesson's screenshot (default: the top of the stage). */
const SHOT_FOCUS: Record<string, string> = {
  "05": ".stage .indexes",
  "09": '[data-testid="listener-buffer"]',
  "03": '[data-testid="listener-buffer"]',
  "11": '[data-testid="listener-buffer"]',
  "12": '[data-testid="wq-item"]',
  "13": '[data-testid="wq-item"]',
  "14": ".stage .workers",
};

// ── the run ──

const ONLY = process.env.LESSONS_E2E_ONLY?.split(",").filter((p) => p !== "");
let app: AppSession;
let lessons: string[] = [];

describe("every lesson runs its solution, passes every goal and shows its must-show on the stage", () => {
  beforeAll(async () => {
    app = await openApp({ path: "", reducedMotion: "reduce" });
    app.page.on("dialog", (d) => void d.accept());
    await byTestId(app.page, "lesson-link").first().waitFor({ timeout: 60_000 });
    lessons = await byTestId(app.page, "lesson-link").evaluateAll((els) => els.map((e) => e.getAttribute("data-lesson") ?? ""));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("the lesson map lists every lesson folder", () => {
    expect(lessons.length).toBeGreaterThanOrEqual(17);
    for (const id of lessons) expect(id).toMatch(/^\d\d-[a-z0-9-]+$/);
    expect(new Set(lessons).size).toBe(lessons.length);
  });

  it("each lesson: solution → all goals pass; must-show seen on the stage", async () => {
    const failures: string[] = [];
    for (const id of lessons) {
      if (ONLY !== undefined && !ONLY.some((p) => id.startsWith(p))) continue;
      try {
        await checkLesson(id);
      } catch (e) {
        failures.push(`${id}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    expect(failures, failures.join("\n\n")).toEqual([]);
  }, 900_000);

  it("showing a solution never sets a lesson's check mark in the map", async () => {
    // this profile only ever ran starters (which fail a goal: no lesson is a demo) and solutions
    const demo = lessons.filter((id) => /^demo:\s*true\s*$/m.test(readFileSync(`lessons/${id}/lesson.md`, "utf8")));
    await app.goto("#/");
    await byTestId(app.page, "lesson-link").first().waitFor({ timeout: 60_000 });
    const passed = await byTestId(app.page, "lesson-link").evaluateAll((els) =>
      els.filter((e) => e.getAttribute("data-passed") === "true").map((e) => e.getAttribute("data-lesson") ?? ""));
    expect(passed.filter((id) => !demo.includes(id))).toEqual([]);
  });
});

async function checkLesson(id: string): Promise<void> {
  const { page } = app;
  await page.evaluate(() => { (window as unknown as { __stage?: unknown }).__stage = undefined; });
  await app.goto(`#/lesson/${id}`);
  await expect.poll(async () => page.evaluate(() => (window as unknown as { __stage?: unknown }).__stage !== undefined), { timeout: 60_000 }).toBe(true);
  await expect.poll(async () => page.evaluate(() => ((window as unknown as { monaco?: { editor: { getModels(): unknown[] } } }).monaco?.editor.getModels().length ?? 0) > 0), { timeout: 120_000 }).toBe(true);
  await waitReady(app);

  // Show solution (confirm accepted) and wait for that run: the run button goes disabled, then enabled again.
  const total = await showSolutionAndWait(app);
  const solution = readFileSync(`lessons/${id}/solution.ts`, "utf8");
  const text = await page.evaluate(() => (window as unknown as { monaco: { editor: { getModels(): { getValue(): string; uri: { scheme: string } }[] } } })
    .monaco.editor.getModels().map((m) => m.getValue()));
  expect(text.some((t) => t.trim() === solution.trim()), `${id}: the editor holds the solution`).toBe(true);

  const goals = await byTestId(page, "goal").evaluateAll((els) => els.map((e) => `${e.getAttribute("data-goal")}=${e.getAttribute("data-status")}`));
  expect(goals.length, `${id}: goals shown`).toBeGreaterThan(0);
  // every goal the lesson defines is shown (ids as written in goals.ts)
  const defined = [...readFileSync(`lessons/${id}/goals.ts`, "utf8").matchAll(/^\s*id: "([^"]+)"/gm)].map((m) => m[1]!);
  expect(goals.map((g) => g.split("=")[0]).sort(), `${id}: goal ids`).toEqual(defined.sort());
  expect(goals.filter((g) => !g.endsWith("=pass")), `${id}: goals not passing`).toEqual([]);

  const snaps = await scanSteps(app, total);
  if (process.env.LESSONS_E2E_DUMP) writeFileSync(`test-results/snaps-${id}.json`, JSON.stringify(snaps).replace(/\},\{"step"/g, '},\n{"step"'));
  const must = MUST_SHOW_BY_SLUG[id.replace(/^\d+-/, "")] ?? MUST_SHOW[id.slice(0, 2)];
  let shot = 1;
  if (must === undefined) {
    // a lesson added after this file: at least the pipeline shows something
    shot = first(snaps, (s) => s.fifo.length > 0 || s.store.length > 0);
    expect(shot, `${id}: the stage never shows a queued key or a cached object`).toBeGreaterThan(0);
  } else {
    shot = must(snaps);
  }
  console.log(`[lessons.e2e] ${id}: ${goals.length} goals pass, ${total} steps, ${snaps.length} distinct views, must-show at step ${shot}`);
  await page.evaluate(([s, sel]) => {
    (window as unknown as { __stage: { seek(step: number): void } }).__stage.seek(s);
    // bring the panel the lesson talks about into view for the screenshot
    if (sel !== "") document.querySelector(sel)?.scrollIntoView({ block: "center" });
  }, [shot, SHOT_FOCUS[id.slice(0, 2)] ?? ""] as const);
  await app.screenshot(`lesson-${id}`);
}
