/**
 * ListPager — one list of the Reflector, page by page (client-go tools/pager `ListPager` with
 * `FullListIfExpired`, plus the REST client's Retry-After retries; spec client-go.md §3.5).
 *
 * Contract:
 * - `listPages(o, rv, limit, done, failed)` lists at `rv` with `limit` (> 0 ⇒ paged): each request is
 *   traced as reflector.list.start; a page with a continue token asks for the next one (RV "", the same
 *   limit); the last page calls `done(items, listRV, paginated)` with every item in order, the first
 *   page's RV, and whether more than one page was read.
 * - A failed request is traced as reflector.list.error. The REST client retries it in place, as client-go's
 *   rest/request.go + with_retry.go do for a GET, up to 10 times per request (on the reflector's timer,
 *   `o.after`; each wait traced as reflector.backoff): a 429 or a 5xx whose Status carries Retry-After,
 *   after that many seconds; a lost connection ("http2: client connection lost", IsHTTP2ConnectionLost),
 *   after 1 s (client-go's artificial Retry-After: 1). When the last attempt fails without an HTTP answer
 *   (code 0) and the attempt before it also did, with a different message, the error reads "<last> -
 *   error from a previous attempt: <the previous cause>" (WrapPreviousError; the previous url.Error
 *   unwrapped).
 * - A continuation that fails with 410 Expired falls back to one full, unpaged list at `rv` (items
 *   gathered so far are dropped). Any other failure calls `failed(error)` (the reflector decides: a 410
 *   retry at RV "", or the end of its ListAndWatch).
 * - Replies arriving after `o.current()` turned false are ignored.
 */
import { ApiError, isConnectionLost, isResourceExpired, isTooManyRequests, newApiError } from "../apimachinery/errors.js";
import type { KubeList, ListOptions } from "../apimachinery/meta.js";
import type { TraceFn } from "../sim/trace.js";
import type { ListerWatcher } from "./listwatch.js";
import { retryAfterOf } from "./reflector-errors.js";

/** rest.Request's default maxRetries. */
const MAX_RETRIES = 10;
/** The wait client-go puts before retrying a GET whose connection was lost (retryAfterResponse: "1"). */
const LOST_CONNECTION_RETRY_MS = 1_000;

/** How long the REST client waits before trying a failed GET again (checkWait + isErrRetryableFunc); undefined: no retry. */
function retryWaitMs(error: ApiError): number | undefined {
  if (isConnectionLost(error)) return LOST_CONNECTION_RETRY_MS;
  if (!isTooManyRequests(error) && error.code < 500) return undefined;
  const ms = retryAfterOf(error);
  return ms > 0 ? ms : undefined;
}

/** net/http's url.Error unwrapped: the cause after `Get "<url>": `. */
function causeOf(message: string): string {
  const m = /^Get "(?:[^"\\]|\\.)*": ([\s\S]*)$/.exec(message);
  return m === null ? message : (m[1] as string);
}

/** WrapPreviousError: only between two failures without an HTTP answer, and only when they read differently. */
function withPrevious(error: ApiError, previous: ApiError | undefined): ApiError {
  if (previous === undefined || error.code !== 0 || previous.code !== 0 || previous.message === error.message) return error;
  return new ApiError({ ...error.status, message: `${error.message} - error from a previous attempt: ${causeOf(previous.message)}` });
}

export interface ListPagerOptions {
  lw: ListerWatcher<unknown>;
  name: string;
  /** The reflector's typeDescription, traced with a failed request. */
  type?: string;
  trace: TraceFn | undefined;
  /** False once the ListAndWatch this list belongs to is over. */
  current: () => boolean;
  /** Runs `then` after `delayMs` on the reflector's timer (cleared when its ListAndWatch ends). */
  after: (delayMs: number, then: () => void) => void;
}

export function listPages(o: ListPagerOptions, rv: string, limit: number,
                          done: (items: unknown[], listRV: string, paginated: boolean) => void,
                          failed: (error: ApiError) => void): void {
  const items: unknown[] = [];
  let listRV = "";
  let paginated = false;
  // per request, as each rest.Request has its own withRetry
  let retries = 0;
  let previous: ApiError | undefined;

  const request = (options: ListOptions, first: boolean, fullFallback: boolean): void => {
    o.trace?.({
      component: "reflector", kind: "reflector.list.start", name: o.name,
      resourceVersion: options.resourceVersion ?? "",
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
      ...(options.continue !== undefined ? { continue: options.continue } : {}),
    });
    o.lw.list(options, (error: ApiError | undefined, list?: KubeList<unknown>) => {
      if (!o.current()) return;
      if (error !== undefined || list === undefined) {
        const err = error ?? newApiError(500, "InternalError", "list returned nothing");
        const waitMs = retryWaitMs(err);
        const retrying = waitMs !== undefined && retries < MAX_RETRIES;
        // the attempt that gives up is traced with the error the caller gets (wrapped, if it is)
        const last = retrying ? err : withPrevious(err, previous);
        o.trace?.({ component: "reflector", kind: "reflector.list.error", name: o.name, code: last.code,
          reason: last.reason, message: last.message, ...(o.type !== undefined ? { type: o.type } : {}) });
        if (retrying) {
          retries++;
          previous = err;
          o.trace?.({ component: "reflector", kind: "reflector.backoff", name: o.name, delayMs: waitMs });
          o.after(waitMs, () => request(options, first, fullFallback));
          return;
        }
        retries = 0;
        previous = undefined;
        if (!first && !fullFallback && options.continue !== undefined && isResourceExpired(last)) {
          // the pager: a continuation expired ⇒ one full, unpaged list at the requested RV
          items.length = 0;
          request({ resourceVersion: rv }, false, true);
          return;
        }
        failed(last);
        return;
      }
      retries = 0;
      previous = undefined;
      if (first || fullFallback) listRV = list.metadata.resourceVersion;
      const page = list.items;
      for (let i = 0; i < page.length; i++) items.push(page[i]);
      const token = list.metadata.continue;
      if (token !== undefined && token !== "" && !fullFallback) {
        paginated = true;
        request({ resourceVersion: "", continue: token, limit }, false, false);
        return;
      }
      done(items, listRV, paginated);
    });
  };
  const options: ListOptions = { resourceVersion: rv };
  if (limit > 0) options.limit = limit;
  request(options, true, false);
}
