/**
 * The Reflector line's backoff and last error (the `.error` span of the shown Reflector and of every
 * other informer's row).
 *
 * Contract:
 * - `shortError(text)` keeps what a learner needs on one line: the address in "dial tcp 10.96.0.1:443: …"
 *   becomes "…" (the service address says nothing here), a request URL (net/http's `Get "https://…"`)
 *   keeps only its path (`Get "…/api/v1/pods?…"`), any other bare URL (live mode's proxy: "the cluster at
 *   http://127.0.0.1:8001 did not answer: …") becomes "…" so the cause after it stays on the line, and
 *   text still longer than SHORT_MAX is cut with "…".
 *   Text that is already short comes back unchanged.
 * - `fillReflectorError(el, r, t)` writes "backoff N ms · last error (410 Expired): failed to list *v1.Pod: …"
 *   into `el` — the error as the Reflector reports it (ReflectorView.lastErrorDetail), its HTTP status in
 *   the label. When the line shows a shortened text, the full text is in the element too (shown on hover
 *   and keyboard focus: the element is then focusable; a screen reader reads the full text only), and the
 *   title holds the full text with a sentence saying what the error does.
 * - Writing the same content again touches nothing (the stage re-renders every step).
 */
import type { ReflectorView } from "../../src/sim/index.js";
import type { T } from "./stage-i18n.js";

/** The longest error text shown whole on the line. */
export const SHORT_MAX = 80;

export function shortError(text: string): string {
  const s = text.replace(/\bdial (tcp|udp)\d? [^\s]+:\d+:/g, "dial $1 …:")
    .replace(/\b(Get|Post|Put|Patch|Delete) "https?:\/\/[^/"]+(\/[^?"]*)(\?[^"]*)?":/g, (_m, op: string, path: string, q?: string) => `${op} "…${path}${q === undefined ? "" : "?…"}":`)
    .replace(/(^|[\s(])https?:\/\/[^\s"]+/g, "$1…");
  return s.length <= SHORT_MAX ? s : `${s.slice(0, SHORT_MAX - 1).trimEnd()}…`;
}

function span(cls: string, text: string, hidden: boolean): HTMLSpanElement {
  const el = document.createElement("span");
  el.className = cls;
  el.textContent = text;
  if (hidden) el.setAttribute("aria-hidden", "true");
  return el;
}

export function fillReflectorError(el: HTMLElement, r: ReflectorView | undefined, t: T): void {
  const backoff = r?.backoffMs == null ? "" : `${t.backoff} ${Math.round(r.backoffMs)} ms`;
  const d = r?.lastErrorDetail ?? null;
  const label = d === null ? "" : `${t.lastError}${d.status === null ? "" : ` (${d.status})`}: `;
  const short = d === null ? "" : shortError(d.text);
  const lead = backoff === "" ? "" : d === null ? backoff : `${backoff} · `;
  const key = `${lead}\u0000${label}\u0000${d?.text ?? ""}\u0000${d?.request ?? ""}`;
  if (el.dataset["shown"] === key) return;
  el.dataset["shown"] = key;
  if (d === null) {
    el.textContent = lead;
    el.removeAttribute("title");
    el.removeAttribute("tabindex");
    el.classList.remove("cut");
    return;
  }
  const cut = short !== d.text;
  el.replaceChildren(lead + label, ...(cut ? [span("short", short, true), span("full", d.text, false)] : [d.text]));
  el.classList.toggle("cut", cut);
  el.title = `${d.text}${d.status === null ? "" : ` (${d.status})`}\n${d.request === "list" ? t.listErrorHint : t.watchErrorHint}`;
  if (cut) el.tabIndex = 0;
  else el.removeAttribute("tabindex");
}
