/**
 * Issue 20 item 4 — what an informer does when packets go nowhere (a "timeout" partition), step by step
 * and to the millisecond, against real client-go:
 * - the HTTP/2 health check (apimachinery util/net/http.go configureHTTP2Transport: ReadIdleTimeout 30 s,
 *   PingTimeout 15 s) declares the connection lost 45 s after the last frame; every stream on it fails
 *   with "http2: client connection lost" (golang.org/x/net/http2 closeForLostPing);
 * - the open watch's stream watcher turns that read error into an ERROR event, a 500 from the client's
 *   error reporter (apimachinery watch/streamwatcher.go receive: not IsProbableEOF, not IsTimeout);
 * - reflector.go watch(): IsInternalError but MaxInternalErrorRetryDuration is 0 ⇒ "watch ended with
 *   error", `return nil` ⇒ ListAndWatch returns nil ⇒ no watch error handler; delayHandler.Until backs
 *   off and calls ListAndWatch again ⇒ a relist;
 * - that LIST needs a new connection: client-go's dialer (transport/cache.go net.Dialer{Timeout: 30 s})
 *   gives up with "dial tcp …: i/o timeout" ⇒ list() returns "failed to list …" ⇒ ListAndWatch returns
 *   the error ⇒ RunWithContext calls the watch error handler, backs off, tries again;
 * - after the heal the next LIST succeeds: Replace, then a watch from the LIST's resourceVersion.
 */
import { describe, expect, it } from "vitest";
import {
  ApiServer, CLIENT_CONNECTION_TIMEOUT_MS, CLIENT_DIAL_TIMEOUT_MS, Recorder, Scheduler, SharedIndexInformer,
  type Pod, type TraceEvent,
} from "../../../src/index.js";
import { pod } from "../../unit/apiserver/helpers.js";

function start() {
  const s = new Scheduler({ seed: 4 });
  const rec = new Recorder(s);
  const server = new ApiServer(s, { tracer: rec });
  server.create("pods", pod("a"));
  const informer = new SharedIndexInformer(server.listerWatcher<Pod>("pods", { client: "reflector:pods" }),
    { scheduler: s, tracer: rec, name: "pods", backoff: { jitter: 0 } });
  const errors: string[] = [];
  informer.setWatchErrorHandler((e) => errors.push(`${e.message}@${s.now()}`));
  informer.run(new AbortController().signal);
  return { s, rec, server, informer, errors };
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
    expect(CLIENT_CONNECTION_TIMEOUT_MS).toBe(45_000);
    expect(CLIENT_DIAL_TIMEOUT_MS).toBe(30_000);
  });

  it("watch lost at +45 s (ERROR 500, no handler) ⇒ backoff ⇒ relist on a new connection ⇒ dial timeout 30 s later (handler) ⇒ backoff ⇒ relist ⇒ the heal delivers it", () => {
    const { s, rec, server, informer, errors } = start();
    s.advance(1_000);
    const before = rec.events.length;
    server.partition("timeout");                 // t = 1 s
    s.advance(1_000);
    server.create("pods", pod("b"));             // t = 2 s: the server goes on; the client cannot hear
    s.advance(99_000);
    server.heal();                               // t = 101 s
    s.flush();
    expect(steps(rec.events.slice(before))).toEqual([
      "watch ended error 500@46000",             // 1 s + 45 s: the health check gave up
      "backoff 800@46000",                       // no handler: ListAndWatch returned nil
      "list rv=1@46800",                         // a relist, from the last resourceVersion
      "list failed DialTimeout@76800",           // a new connection: the dial gave up after 30 s
      "backoff 1600@76800",
      "list rv=1@78400",                         // held in its dial until the heal …
      "listed 2@101000",                         // … then delivered
      "watch rv=2@101000",
    ]);
    expect(errors).toEqual(["failed to list pods: dial tcp 10.96.0.1:443: i/o timeout@76800"]);
    expect(informer.getStore().listKeys().sort()).toEqual(["default/a", "default/b"]);
    // the server saw only the requests that got through: the first list and watch, then the healed list
    const serverSaw = rec.events.filter((e) => e.kind === "server.request" && (e.verb === "list" || e.verb === "watch"))
      .map((e) => `${e.kind === "server.request" ? e.verb : ""}@${e.time}`);
    expect(serverSaw).toEqual(["list@0", "watch@0", "list@101000", "watch@101000"]);
  });

  it("a request sent on the still-open connection fails when the connection is lost (not 45 s after it was sent); one sent later waits for its dial", () => {
    const s = new Scheduler({ seed: 1 });
    const server = new ApiServer(s, {});
    server.create("pods", pod("a"));
    const lw = server.listerWatcher<Pod>("pods");
    const answers: string[] = [];
    const list = () => lw.list({}, (e, l) => answers.push(e !== undefined ? `${e.reason}@${s.now()}` : `${l!.items.length}@${s.now()}`));
    server.partition("timeout");                 // t = 0: the connection is lost at 45 s
    s.advance(30_000);
    list();                                      // t = 30 s, on the old connection
    s.advance(20_000);
    list();                                      // t = 50 s, a new dial
    s.advance(40_000);
    expect(answers).toEqual(["ConnectionLost@45000", "DialTimeout@80000"]);
  });

  it("a partition that heals within 45 s costs only the delay: no relist, no handler, the events arrive late and in order", () => {
    const { s, rec, server, errors } = start();
    s.advance(1_000);
    server.partition("timeout");
    server.create("pods", pod("b"));
    server.create("pods", pod("c"));
    s.advance(44_000);                           // t = 45 s: 1 ms short of the health check giving up
    server.heal();
    s.flush();
    expect(errors).toEqual([]);
    expect(rec.events.filter((e) => e.kind === "reflector.list.start")).toHaveLength(1);
    const late = rec.events.filter((e) => e.kind === "reflector.watch.event").map((e) => `${e.kind === "reflector.watch.event" ? e.key : ""}@${e.time}`);
    expect(late).toEqual(["default/b@45000", "default/c@45000"]);
  });
});
