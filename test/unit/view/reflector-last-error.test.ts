// @vitest-environment happy-dom
/**
 * The Reflector line's "last error" of a failed LIST says what the Reflector reports — the error its
 * watch error handler receives, worded as client-go's (reflector.go list(): fmt.Errorf("failed to list %v: %w",
 * r.typeDescription, err), the REST client's url.Error around the dial error:
 * `failed to list *v1.Pod: Get "https://10.96.0.1:443/api/v1/pods?resourceVersion=1": dial tcp 10.96.0.1:443:
 * i/o timeout`) — not only a short reason ("DialTimeout"):
 * - the world's detail text is, byte for byte, the handler's error in a real run (a timeout partition);
 * - on the line it is shortened sensibly (the dial address and the URL's host and query become "…"), the full text is in the element
 *   (shown on hover and focus; the element is then focusable) and in its title, in en and zh-CN;
 * - an HTTP status stays visible ("last error (410 Expired): …"); other informers' rows say the same.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TraceEvent } from "../../../src/sim/trace.js";
import { applyEvent, emptyWorld, foldTrace, focusedInformer, type WorldView } from "../../../src/sim/view.js";
import { fillReflectorError, shortError, SHORT_MAX } from "../../../site/views/reflector-error.js";
import { renderReflector } from "../../../site/views/reflector-view.js";
import { STAGE_TEXT } from "../../../site/views/stage-i18n.js";
import { partitionInformer } from "../../conformance/fidelity/partition-informer.js";
import { event } from "./samples.js";

let host: HTMLElement;
beforeEach(() => {
  host = document.createElement("div");
  document.body.append(host);
});
afterEach(() => host.remove());

function fold(...events: TraceEvent[]): WorldView {
  const w = emptyWorld();
  events.forEach((e, i) => applyEvent(w, { ...e, seq: i + 1, time: i * 10 } as never));
  return w;
}

const FULL = 'failed to list *v1.Pod: Get "https://10.96.0.1:443/api/v1/pods?resourceVersion=1": dial tcp 10.96.0.1:443: i/o timeout';
const SHORT = 'failed to list *v1.Pod: Get "…/api/v1/pods?…": dial tcp …: i/o timeout';

/** A timeout partition long enough for the relist's dial to give up (timeout-partition.test.ts). */
function dialTimeoutRun() {
  const { s, rec, server, informer, messages: errors } = partitionInformer();
  informer.run(new AbortController().signal);
  s.advance(1_000);
  server.partition("timeout");
  s.advance(76_000); // the watch is lost at 45 s, the relist's dial gives up at 75.8 s
  return { trace: rec.events, errors };
}

const line = (view: WorldView, locale: "en" | "zh-CN" = "en") => {
  renderReflector(host, view, focusedInformer(view), { t: STAGE_TEXT[locale], limit: 10, hotKey: null, selected: null, onSelect: () => undefined });
  return host.querySelector<HTMLElement>(".reflector-line .error")!;
};
/** What a sighted reader sees before hovering: everything but the full text. */
const seen = (el: HTMLElement) => [...el.childNodes].filter((n) => !(n instanceof HTMLElement && n.classList.contains("full")))
  .map((n) => n.textContent).join("");

describe("a failed LIST in the Reflector line", () => {
  it("the world keeps the error the watch error handler receives, word for word", () => {
    const { trace, errors } = dialTimeoutRun();
    // the relist after the lost watch is at the last synced RV, so unpaged (reflector.go list(): PageSize 0)
    expect(errors).toEqual([FULL]);
    const r = foldTrace(trace, trace.length).informers.get("pods")!.reflector;
    expect(r.lastError).toBe("DialTimeout"); // the short form the table column keeps
    expect(r.lastErrorDetail).toEqual({ request: "list", text: errors[0], status: null });
  });

  it("shows the message, shortened sensibly, with the full text on hover/focus and in the title (en, zh-CN)", () => {
    const { trace } = dialTimeoutRun();
    const view = foldTrace(trace, trace.length);
    let el = line(view);
    expect(seen(el)).toBe(`backoff 1600 ms · last error: ${SHORT}`);
    expect(el.querySelector(".full")!.textContent).toBe(FULL);
    expect(el.querySelector(".short")!.getAttribute("aria-hidden")).toBe("true");
    expect(el.classList.contains("cut")).toBe(true);
    expect(el.tabIndex).toBe(0);
    expect(el.title.startsWith(`${FULL}\nThe LIST failed. `)).toBe(true);
    expect(el.title).toMatch(/watch error handler/);
    expect(seen(el)).not.toMatch(/DialTimeout/);
    el = line(view, "zh-CN");
    expect(seen(el)).toBe(`退避 1600 ms · 最近错误: ${SHORT}`);
    expect(el.title.startsWith(`${FULL}\nLIST 失败。`)).toBe(true);
  });

  it("keeps an HTTP status in the label; a short message is shown whole and is not focusable", () => {
    const el = line(fold(event("reflector.list.error", { type: "*v1.Pod", code: 410, reason: "Expired", message: "The resourceVersion for the provided list is too old." })));
    expect(el.textContent).toBe("last error (410 Expired): failed to list *v1.Pod: The resourceVersion for the provided list is too old.");
    expect(el.classList.contains("cut")).toBe(false);
    expect(el.hasAttribute("tabindex")).toBe(false);
    // cleared by the next successful list
    const cleared = line(fold(event("reflector.list.error", { code: 0, reason: "ConnectionRefused", message: "dial tcp 10.96.0.1:443: connect: connection refused" }),
      event("reflector.list.done", { resourceVersion: "9", items: 1 })));
    expect([cleared.textContent, cleared.hasAttribute("title"), cleared.hasAttribute("tabindex")]).toEqual(["", false, false]);
  });

  it("a watch that ended with an error keeps its code and says it was the watch", () => {
    const el = line(fold(event("reflector.watch.end", { reason: "error", code: 500, message: "http2: client connection lost" })));
    expect(el.textContent).toBe("last error (500): http2: client connection lost");
    expect(el.title).toMatch(/\nThe watch ended with this error/);
  });

  it("another informer's row says the same as the shown one", () => {
    const view = fold(
      event("reflector.state", { name: "pods", state: "watching" }),
      event("reflector.list.error", { name: "pods-2", type: "*v1.Pod", code: 0, reason: "DialTimeout",
        message: 'Get "https://10.96.0.1:443/api/v1/pods?limit=500&resourceVersion=0": dial tcp 10.96.0.1:443: i/o timeout' }),
      event("reflector.state", { name: "pods", state: "watching" }),
    );
    renderReflector(host, view, view.informers.get("pods"), { t: STAGE_TEXT.en, limit: 10, hotKey: null, selected: null, onSelect: () => undefined });
    const row = host.querySelector<HTMLElement>('.reflector-other[data-informer="pods-2"] .error')!;
    expect(seen(row)).toBe(`last error: ${SHORT}`);
    expect(row.tabIndex).toBe(0);
  });
});

describe("shortError", () => {
  it("drops the dial address, the URL's host and query, and cuts what is still too long; short text comes back unchanged", () => {
    expect(shortError("failed to list pods: dial tcp 10.96.0.1:443: connect: connection refused"))
      .toBe("failed to list pods: dial tcp …: connect: connection refused");
    expect(shortError('Get "https://10.96.0.1:443/api/v1/namespaces/shop/pods?allowWatchBookmarks=true&resourceVersion=12&timeout=7m3s&timeoutSeconds=423&watch=true": dial tcp 10.96.0.1:443: connect: connection refused'))
      .toBe('Get "…/api/v1/namespaces/shop/pods?…": dial tcp …: connect: connection refused');
    expect(shortError('Get "https://10.96.0.1:443/api/v1/nodes": EOF')).toBe('Get "…/api/v1/nodes": EOF');
    // live mode: the proxy names the cluster it could not reach; the cause after it stays on the line
    expect(shortError("failed to list *v1.Pod: the cluster at http://127.0.0.1:44653 did not answer: socket hang up"))
      .toBe("failed to list *v1.Pod: the cluster at … did not answer: socket hang up");
    expect(shortError("410 too old")).toBe("410 too old");
    const long = `failed to list pods: ${"x".repeat(100)}`;
    expect(shortError(long)).toHaveLength(SHORT_MAX);
    expect(shortError(long).endsWith("…")).toBe(true);
  });

  it("writing the same content again touches nothing", () => {
    const el = document.createElement("span");
    const view = fold(event("reflector.list.error", { code: 0, reason: "DialTimeout", message: "dial tcp 10.96.0.1:443: i/o timeout" }));
    fillReflectorError(el, view.informers.get("pods")!.reflector, STAGE_TEXT.en);
    const first = el.firstChild;
    fillReflectorError(el, view.informers.get("pods")!.reflector, STAGE_TEXT.en);
    expect(el.firstChild).toBe(first);
  });
});
