/**
 * Issue 20 item 4 — what an informer does when packets go nowhere (a "timeout" partition), step by step
 * and to the millisecond, against real client-go:
 * - the HTTP/2 health check (apimachinery util/net/http.go configureHTTP2Transport: ReadIdleTimeout 30 s,
 *   PingTimeout 15 s; golang.org/x/net/http2 readLoop resets the idle timer at every frame read, and
 *   healthCheck pings once it fires) declares the connection lost 45 s after the last frame read — a
 *   reply, a watch event, or the answer to an idle ping (one per 30 s of quiet on a healthy connection);
 *   every stream on it fails with "http2: client connection lost" (closeForLostPing);
 * - the open watch's stream watcher turns that read error into an ERROR event, a 500 from the client's
 *   error reporter (apimachinery watch/streamwatcher.go receive: not IsProbableEOF, not IsTimeout);
 * - reflector.go watch(): IsInternalError but MaxInternalErrorRetryDuration is 0 ⇒ "watch ended with
 *   error", `return nil` ⇒ ListAndWatch returns nil ⇒ no watch error handler; delayHandler.Until backs
 *   off and calls ListAndWatch again ⇒ a relist;
 * - that LIST needs a new connection: client-go's dialer (transport/cache.go net.Dialer{Timeout: 30 s})
 *   gives up with "dial tcp …: i/o timeout" ⇒ list() returns "failed to list …" ⇒ ListAndWatch returns
 *   the error ⇒ RunWithContext calls the watch error handler, backs off, tries again;
 * - a LIST waiting in its dial when the network heals gets through at the dial's next SYN retransmission
 *   (Linux ≥ 6.5: 1, 2, 3, 4, 5, 7, 11, 19 s after the first SYN; faults.ts SYN_RETRANSMIT_MS), not at the
 *   heal; with no SYN left before the 30 s dial timeout it fails anyway; then Replace, then a watch from
 *   the LIST's resourceVersion.
 */
import { describe, expect, it } from "vitest";
import {
  ApiServer, CLIENT_CONNECTION_TIMEOUT_MS, CLIENT_DIAL_TIMEOUT_MS, CLIENT_READ_IDLE_TIMEOUT_MS, Recorder, Scheduler, SharedIndexInformer,
  type Pod, type TraceEvent,
} from "../../../src/index.js";
import { pod } from "../../unit/apiserver/helpers.js";
import { bareLister, partitionInformer } from "./partition-informer.js";

/**
 * The relist's error as client-go words it: reflector.go list() `failed to list %v: %w` around the REST
 * client's url.Error (a relist at the last synced RV is unpaged, so no limit).
 */
const RELIST_DIAL_TIMEOUT = 'failed to list *v1.Pod: Get "https://10.96.0.1:443/api/v1/pods?resourceVersion=1": dial tcp 10.96.0.1:443: i/o timeout';

/** The shared partition run (partition-informer.ts), started. */
function start() {
  const run = partitionInformer();
  run.informer.run(new AbortController().signal);
  return run;
}

/** The reflector's steps, as "<what>@<ms>". */
function steps(events: TraceEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    if (e.kind === "reflector.list.start") out.push(`list rv=${e.resourceVersion}@${e.time}`);
    else if (e.kind === "reflector.list.done") out.push(`listed ${e.items}@${e.time}`);
    else if (e.kind === "reflector.list.error") out.push(`list failed ${e.reason}@${e.time}`);
    else if (e.kind === "reflector.watch.start") out.push(`watch rv=${e.resourceVersion}@${e.time}`);
    else if (e.kind === "reflector.watch.end") out.push(`watch ended ${e.reason}${e.code !== undefined ? ` ${e.code}` : ""}@${e.time}`);
    else if (e.kind === "reflector.backoff") out.push(`backoff ${e.delayMs}@${e.time}`);
  }
  return out;
}

describe("a long \"timeout\" partition, step by step (client-go reflector.go + HTTP/2 health check + dialer)", () => {
  it("the constants are client-go's: 30 s read idle + 15 s ping; a 30 s dial", () => {
    expect(CLIENT_READ_IDLE_TIMEOUT_MS).toBe(30_000);
    expect(CLIENT_CONNECTION_TIMEOUT_MS).toBe(45_000);
    expect(CLIENT_DIAL_TIMEOUT_MS).toBe(30_000);
  });

  it("watch lost 45 s after the last frame (ERROR 500, no handler) ⇒ backoff ⇒ relist on a new connection ⇒ dial timeout 30 s later (handler) ⇒ backoff ⇒ relist ⇒ the heal lets its next SYN through", () => {
    const { s, rec, server, informer, errors } = start();
    s.advance(1_000);
    const before = rec.events.length;
    server.partition("timeout");                 // t = 1 s
    s.advance(1_000);
    server.create("pods", pod("b"));             // t = 2 s: the server goes on; the client cannot hear
    s.advance(78_000);
    server.heal();                               // t = 80 s, 2.6 s into the relist's dial
    s.advance(5_000);
    expect(steps(rec.events.slice(before))).toEqual([
      "watch ended error 500@45000",             // the last frame (the LIST's reply) at 0 s + 30 s idle + 15 s ping
      "backoff 800@45000",                       // no handler: ListAndWatch returned nil
      "list rv=1@45800",                         // a relist, from the last resourceVersion
      "list failed DialTimeout@75800",           // a new connection: the dial gave up after 30 s
      "backoff 1600@75800",
      "list rv=1@77400",                         // held in its dial until the heal …
      "listed 2@80400",                          // … then delivered by the SYN resent 3 s into the dial (not at 80 s)
      "watch rv=2@80400",
    ]);
    expect(errors).toEqual([`${RELIST_DIAL_TIMEOUT}@75800`]);
    expect(informer.getStore().listKeys().sort()).toEqual(["default/a", "default/b"]);
    // the server saw only the requests that got through: the first list and watch, then the healed list
    const serverSaw = rec.events.filter((e) => e.kind === "server.request" && (e.verb === "list" || e.verb === "watch"))
      .map((e) => `${e.kind === "server.request" ? e.verb : ""}@${e.time}`);
    expect(serverSaw).toEqual(["list@0", "watch@0", "list@80400", "watch@80400"]);
  });

  it("a heal after the dial's last SYN before its 30 s timeout: the dial still times out, and the next relist goes through at once", () => {
    const { s, rec, server, errors } = start();
    s.advance(1_000);
    const before = rec.events.length;
    server.partition("timeout");                 // t = 1 s; the relist dials from 77.4 s, its last SYN in time at 96.4 s
    s.advance(100_000);
    server.heal();                               // t = 101 s: 23.6 s into the dial, the next SYN would be at 35 s
    s.advance(15_000);
    expect(steps(rec.events.slice(before)).slice(5)).toEqual([
      "list rv=1@77400",
      "list failed DialTimeout@107400",          // healed 6.4 s ago, but no SYN left: the dial gives up at 30 s
      "backoff 3200@107400",
      "list rv=1@110600",                        // a new dial on a healed network: answered at once
      "listed 1@110600",
      "watch rv=1@110600",
    ]);
    expect(errors).toEqual([
      `${RELIST_DIAL_TIMEOUT}@75800`,
      `${RELIST_DIAL_TIMEOUT}@107400`,
    ]);
  });

  it("a SYN due while the network is dark again goes nowhere: the dial waits for the next SYN after the next heal", () => {
    const { s, server, answers, list } = bareLister();
    server.partition("timeout");                 // nothing ever answered: the first request dials
    list();                                      // t = 0: SYNs at 1, 2, 3, 4, 5, 7, 11, 19 s
    s.advance(5_500);
    server.heal();                               // t = 5.5 s: the next SYN is at 7 s …
    s.advance(1_000);
    server.partition("timeout");                 // t = 6.5 s: … dark again before it
    s.advance(2_000);
    server.heal();                               // t = 8.5 s: the next SYN is at 11 s
    s.advance(10_000);
    expect(answers).toEqual(["1@11000"]);
  });

  it("a request on the old connection still goes out at the heal itself", () => {
    const { s, server, lw, answers, list } = bareLister();
    lw.list({}, () => answers.push(`listed@${s.now()}`));
    s.advance(1_000);
    server.partition("timeout");                 // t = 1 s; the last read at 0 s: the connection is lost at 45 s
    s.advance(10_000);
    list();
    s.advance(2_500);
    server.heal();                               // t = 13.5 s
    s.advance(0);
    expect(answers).toEqual(["listed@0", "1@13500"]);
  });

  it("a request sent on the still-open connection fails when the connection is lost (not 45 s after it was sent); one sent later waits for its dial", () => {
    const { s, server, answers, list } = bareLister();
    list();                                      // t = 0: answered at once, the last frame read
    s.advance(10_000);
    server.partition("timeout");                 // t = 10 s: the connection is lost at 0 + 45 s
    s.advance(20_000);
    list();                                      // t = 30 s, on the old connection
    s.advance(20_000);
    list();                                      // t = 50 s, a new dial
    s.advance(40_000);
    expect(answers).toEqual(["1@0", "ConnectionLost@45000", "DialTimeout@80000"]);
  });

  it("a quiet connection pings every 30 s: the loss comes 45 s after the last answered ping, sooner after the partition", () => {
    const s = new Scheduler({ seed: 1 });
    const server = new ApiServer(s, { bookmarks: false });
    const lw = server.listerWatcher<Pod>("pods");
    const answers: string[] = [];
    lw.list({}, () => answers.push(`listed@${s.now()}`));
    lw.watch({ resourceVersion: "0" }, {
      onEvent: (e) => { if (e.type === "ERROR") answers.push(`watch ERROR ${(e.object as { code?: number }).code}@${s.now()}`); },
      onClose: (e) => answers.push(`${e?.reason ?? "watch closed"}@${s.now()}`),
    });
    s.advance(100_000);                          // nothing to read: idle pings at 30, 60 and 90 s, each answered
    server.partition("timeout");
    lw.list({}, (e) => answers.push(`${e?.reason ?? "listed"}@${s.now()}`));
    s.advance(60_000);
    // 90 s + 45 s: the watch's stream reports the loss (the client's ERROR 500), and the waiting LIST fails
    expect(answers).toEqual(["listed@0", "watch ERROR 500@135000", "watch closed@135000", "ConnectionLost@135000"]);
  });

  it("with no connection yet (nothing ever answered), the first LIST dials: the handler hears the dial timeout", () => {
    const s = new Scheduler({ seed: 3 });
    const server = new ApiServer(s, {});
    server.partition("timeout");
    const informer = new SharedIndexInformer(server.listerWatcher<Pod>("pods"), { scheduler: s, name: "pods", objectDescription: "*v1.Pod", backoff: { jitter: 0 } });
    const errors: string[] = [];
    informer.setWatchErrorHandler((e) => errors.push(`${e.message}@${s.now()}`));
    informer.run(new AbortController().signal);
    s.advance(31_000);
    // the first list: RV "0", a page of 500 (reflector.go relistResourceVersion, tools/pager)
    expect(errors).toEqual(['failed to list *v1.Pod: Get "https://10.96.0.1:443/api/v1/pods?limit=500&resourceVersion=0": dial tcp 10.96.0.1:443: i/o timeout@30000']);
  });

  it("a partition that heals within 45 s costs only the delay: no relist, no handler, the events arrive late and in order", () => {
    const { s, rec, server, errors } = start();
    s.advance(1_000);
    server.partition("timeout");
    server.create("pods", pod("b"));
    server.create("pods", pod("c"));
    s.advance(43_999);                           // t = 44.999 s: 1 ms before the health check gives up
    server.heal();
    s.flush();
    expect(errors).toEqual([]);
    expect(rec.events.filter((e) => e.kind === "reflector.list.start")).toHaveLength(1);
    const late = rec.events.filter((e) => e.kind === "reflector.watch.event").map((e) => `${e.kind === "reflector.watch.event" ? e.key : ""}@${e.time}`);
    expect(late).toEqual(["default/b@44999", "default/c@44999"]);
  });
});
