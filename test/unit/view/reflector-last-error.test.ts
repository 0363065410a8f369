// @vitest-environment happy-dom
/**
 * The Reflector line's "last error" of a failed LIST says what the Reflector reports — the error its
 * watch error handler receives ("failed to list pods: dial tcp 10.96.0.1:443: i/o timeout"; client-go
 * reflector.go list(): fmt.Errorf("failed to list %v: %w", …)) — not only a short reason ("DialTimeout"):
 * - the world's detail text is, byte for byte, the handler's error in a real run (a timeout partition);
 * - on the line it is shortened sensibly (the dial address becomes "…"), the full text is in the element
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
    expect(errors).toEqual(["failed to list pods: dial tcp 10.96.0.1:443: i/o timeout"]);
    const r = foldTrace(trace, trace.length).informers.get("pods")!.reflector;
    expect(r.lastError).toBe("DialTimeout"); // the short form the table column keeps
    expect(r.lastErrorDetail).toEqual({ request: "list", text: errors[0], status: null });
  });

  it("shows the message, shortened sensibly, with the full text on hover/focus and in the title (en, zh-CN)", () => {
    const { trace } = dialTimeoutRun();
    const view = foldTrace(trace, trace.length);
    let el = line(view);
    expect(seen(el)).toBe("backoff 1600 ms · last error: failed to list pods: dial tcp …: i/o timeout");
    expect(el.querySelector(".full")!.textContent).toBe("failed to list pods: dial tcp 10.96.0.1:443: i/o timeout");
    expect(el.querySelector(".short")!.getAttribute("aria-hidden")).toBe("true");
    expect(el.classList.contains("cut")).toBe(true);
    expect(el.tabIndex).toBe(0);
    expect(el.title).toMatch(/^failed to list pods: dial tcp 10\.96\.0\.1:443: i\/o timeout\nThe LIST failed\. .*watch error handler/);
    expect(seen(el)).not.toMatch(/DialTimeout/);
    el = line(view, "zh-CN");
    expect(seen(el)).toBe("退避 1600 ms · 最近错误: failed to list pods: dial tcp …: i/o timeout");
    expect(el.title).toMatch(/^failed to list pods: dial tcp 10\.96\.0\.1:443: i\/o timeout\nLIST 失败。/);
  });

  it("keeps an HTTP status in the label; a short message is shown whole and is not focusable", () => {
    const el = line(fold(event("reflector.list.error", { code: 410, reason: "Expired", message: "The resourceVersion for the provided list is too old." })));
    expect(el.textContent).toBe("last error (410 Expired): failed to list pods: The resourceVersion for the provided list is too old.");
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
      event("reflector.list.error", { name: "pods-2", code: 0, reason: "DialTimeout", message: "dial tcp 10.96.0.1:443: i/o timeout" }),
      event("reflector.state", { name: "pods", state: "watching" }),
    );
    renderReflector(host, view, view.informers.get("pods"), { t: STAGE_TEXT.en, limit: 10, hotKey: null, selected: null, onSelect: () => undefined });
    const row = host.querySelector<HTMLElement>('.reflector-other[data-informer="pods-2"] .error')!;
    expect(seen(row)).toBe("last error: failed to list pods-2: dial tcp …: i/o timeout");
    expect(row.tabIndex).toBe(0);
  });
});

describe("shortError", () => {
  it("drops the dial address and cuts what is still too long; short text comes back unchanged", () => {
    expect(shortError("failed to list pods: dial tcp 10.96.0.1:443: connect: connection refused"))
      .toBe("failed to list pods: dial tcp …: connect: connection refused");
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
