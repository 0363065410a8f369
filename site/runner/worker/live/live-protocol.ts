/**
 * Messages between the #/live page (site/live/learner/handler-host.ts) and the live worker
 * (live-worker.ts), which runs the learner's handler code against the page's running informer.
 *
 * Contract:
 * - The page sends one `start` message to the worker with a MessagePort; everything after goes over
 *   that port (the worker's own postMessage is removed before learner code runs, as in the run worker).
 * - Page → worker: `call` (one handler notification: the informer's object copies), `response` (the
 *   answer to one of the worker's `request`s, or the page's refusal as a 403 Status).
 * - Worker → page: `attached` once the module's handlers are known (with where each is defined in the
 *   learner's TypeScript, `src`, when the worker's source locator could place it), then per call `done`
 *   or `threw`, `log` lines (tagged with the call that printed them, when one was running, and with the
 *   log call's `src`), `request` (a clientset call for the page to check and send, with the learner's
 *   calling line `src`), `fatal`. The page sends the next `call` of a resource only after the previous
 *   one was answered (flow control: the backlog stays in the informer's listener buffer).
 * - The page trusts no worker message: `checkLiveMessage` checks each one's shape and caps; anything
 *   else stops the worker. Requests are checked against the proxy's own policy before any is sent
 *   (site/live/learner/request-check.ts).
 */

/** A handler call unanswered this long (wall clock) stops the worker: an endless loop must not hang the page. */
export const HANDLER_BUDGET_MS = 2_000;
/** Time the worker may take to load the learner's module and call its default export. */
export const LIVE_LOAD_MS = 5_000;
/** One log line keeps at most this many characters (the run worker's cap). */
export const LIVE_LOG_LINE_CHARS = 10_000;
/** An error message. */
export const LIVE_ERROR_CHARS = 4_000;
/** A request body or a response body crossing the transport. */
export const LIVE_BODY_CHARS = 1_000_000;
/** Requests of the learner's clientset in flight at once (more are refused by the page). */
export const LIVE_MAX_REQUESTS = 16;

export type HandlerFn = "add" | "update" | "delete";
/** A 1-based line and column in the learner's TypeScript (src/sim SourcePosition). */
export interface LivePosition { line: number; col: number }
export type HandlerPlaces = Partial<Record<HandlerFn, LivePosition>>;
export type LiveRequestMessage = { type: "request"; rid: number; method: LiveMethod; path: string; body?: string; contentType?: string; src?: LivePosition };
export const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;
export type LiveMethod = "GET" | (typeof WRITE_METHODS)[number];

export interface LiveStartMessage {
  type: "start";
  /** The learner's module compiled to CommonJS by Monaco's TypeScript worker, and its source map. */
  js: string;
  map?: string;
  /** The resources the page follows (one informer each): the module's default export is called once per resource. */
  resources: string[];
  /** The namespace followed ("" for all): the clientset's default namespace. */
  namespace: string;
}

export type LivePageMessage =
  | { type: "call"; id: number; resource: string; fn: HandlerFn; obj: unknown; old?: unknown; initial?: boolean }
  | { type: "response"; rid: number; status: number; body: string };

export type LiveWorkerMessage =
  | { type: "ready" }
  /** The handlers the module returned, per resource: which of addFunc/updateFunc/deleteFunc it has. */
  | { type: "attached"; resources: Array<{ resource: string; fns: HandlerFn[]; src?: HandlerPlaces }> }
  | { type: "done"; id: number }
  | { type: "threw"; id?: number; message: string; line?: number }
  | { type: "log"; text: string; call?: number; src?: LivePosition }
  | LiveRequestMessage
  | { type: "fatal"; message: string; line?: number };

export type Checked = { ok: true; message: LiveWorkerMessage } | { ok: false; why: string };

const isInt = (x: unknown): x is number => typeof x === "number" && Number.isSafeInteger(x) && x >= 0;
const isText = (x: unknown, max: number): x is string => typeof x === "string" && x.length <= max;
const optional = <T>(x: unknown, is: (v: unknown) => v is T): boolean => x === undefined || is(x);
const FNS: readonly string[] = ["add", "update", "delete"];
const isPos = (x: unknown): x is LivePosition => {
  if (typeof x !== "object" || x === null || Array.isArray(x) || Object.keys(x).length !== 2) return false;
  const p: { line?: unknown; col?: unknown } = x;
  return isInt(p.line) && p.line >= 1 && isInt(p.col) && p.col >= 1;
};
const withSrc = (src: unknown): { src?: LivePosition } => (isPos(src) ? { src: { line: src.line, col: src.col } } : {});
const METHODS: readonly string[] = ["GET", ...WRITE_METHODS];

/** Checks one message from the live worker (shape, types, caps). The page acts on nothing else. */
export function checkLiveMessage(data: unknown): Checked {
  if (typeof data !== "object" || data === null) return { ok: false, why: "a message that is not an object" };
  const m = data as Record<string, unknown>;
  const bad = (why: string): Checked => ({ ok: false, why: `a ${String(m["type"]).slice(0, 40)} message with ${why}` });
  switch (m["type"]) {
    case "ready":
      return { ok: true, message: { type: "ready" } };
    case "attached": {
      const rs = m["resources"];
      if (!Array.isArray(rs) || rs.length > 16) return bad("no resource list");
      const out: Array<{ resource: string; fns: HandlerFn[]; src?: HandlerPlaces }> = [];
      for (const r of rs as unknown[]) {
        const x = r as Record<string, unknown> | null;
        if (typeof x !== "object" || x === null || !isText(x["resource"], 100) || !Array.isArray(x["fns"])) return bad("a bad resource entry");
        const fns = x["fns"] as unknown[];
        if (fns.length > 3 || !fns.every((f) => typeof f === "string" && FNS.includes(f))) return bad("unknown handler functions");
        const src = x["src"];
        const places: HandlerPlaces = {};
        if (src !== undefined) {
          if (typeof src !== "object" || src === null || Array.isArray(src)) return bad("a bad source position");
          for (const [k, p] of Object.entries(src)) {
            if (!FNS.includes(k) || !isPos(p)) return bad("a bad source position");
            places[k as HandlerFn] = { line: p.line, col: p.col };
          }
        }
        out.push({ resource: x["resource"], fns: fns as HandlerFn[], ...(Object.keys(places).length > 0 ? { src: places } : {}) });
      }
      return { ok: true, message: { type: "attached", resources: out } };
    }
    case "done":
      return isInt(m["id"]) ? { ok: true, message: { type: "done", id: m["id"] } } : bad("no call id");
    case "threw": {
      if (!optional(m["id"], isInt) || !isText(m["message"], LIVE_ERROR_CHARS + 20) || !optional(m["line"], isInt)) return bad("a bad id, message or line");
      return { ok: true, message: { type: "threw", message: m["message"] as string,
        ...(m["id"] !== undefined ? { id: m["id"] as number } : {}), ...(m["line"] !== undefined ? { line: m["line"] as number } : {}) } };
    }
    case "log": {
      if (!isText(m["text"], LIVE_LOG_LINE_CHARS + 200) || !optional(m["call"], isInt) || !optional(m["src"], isPos)) return bad("a bad text, call id or source position");
      return { ok: true, message: { type: "log", text: m["text"] as string, ...(m["call"] !== undefined ? { call: m["call"] as number } : {}), ...withSrc(m["src"]) } };
    }
    case "request": {
      const { rid, method, path, body, contentType, src } = m;
      if (!isInt(rid) || typeof method !== "string" || !METHODS.includes(method) || !isText(path, 2_000) || !path.startsWith("/")
        || !optional(body, (b): b is string => isText(b, LIVE_BODY_CHARS)) || !optional(contentType, (c): c is string => isText(c, 200)) || !optional(src, isPos)) {
        return bad("a bad id, method, path, body, content type or source position");
      }
      return { ok: true, message: { type: "request", rid, method: method as LiveMethod, path,
        ...(body !== undefined ? { body: body as string } : {}), ...(contentType !== undefined ? { contentType: contentType as string } : {}), ...withSrc(src) } };
    }
    case "fatal":
      if (!isText(m["message"], LIVE_ERROR_CHARS + 20) || !optional(m["line"], isInt)) return bad("a bad message or line");
      return { ok: true, message: { type: "fatal", message: m["message"] as string, ...(m["line"] !== undefined ? { line: m["line"] as number } : {}) } };
    default:
      return { ok: false, why: "a message of an unknown type" };
  }
}
