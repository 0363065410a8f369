/**
 * ListPager — one list of the Reflector, page by page (client-go tools/pager `ListPager` with
 * `FullListIfExpired`, plus the REST client's Retry-After retries; spec client-go.md §3.5).
 *
 * Contract:
 * - `listPages(o, rv, limit, done, failed)` lists at `rv` with `limit` (> 0 ⇒ paged): each request is
 *   traced as reflector.list.start; a page with a continue token asks for the next one (RV "", the same
 *   limit); the last page calls `done(items, listRV, paginated)` with every item in order, the first
 *   page's RV, and whether more than one page was read.
 * - A failed request is traced as reflector.list.error. A 429 with Retry-After is retried after it, up to
 *   10 times (on the reflector's timer, `o.after`). A continuation that fails with 410 Expired falls back
 *   to one full, unpaged list at `rv` (items gathered so far are dropped). Any other failure calls
 *   `failed(error)` (the reflector decides: a 410 retry at RV "", or the end of its ListAndWatch).
 * - Replies arriving after `o.current()` turned false are ignored.
 */
import { isResourceExpired, isTooManyRequests, newApiError, type ApiError } from "../apimachinery/errors.js";
import type { KubeList, ListOptions } from "../apimachinery/meta.js";
import type { TraceFn } from "../sim/trace.js";
import type { ListerWatcher } from "./listwatch.js";
import { retryAfterOf } from "./reflector-errors.js";

const MAX_RETRY_AFTER_RETRIES = 10;

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
  let retryAfterRetries = 0;

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
        o.trace?.({ component: "reflector", kind: "reflector.list.error", name: o.name, code: err.code,
          reason: err.reason, message: err.message, ...(o.type !== undefined ? { type: o.type } : {}) });
        const retryAfterMs = retryAfterOf(err);
        if (isTooManyRequests(err) && retryAfterMs > 0 && retryAfterRetries < MAX_RETRY_AFTER_RETRIES) {
          retryAfterRetries++;
          o.trace?.({ component: "reflector", kind: "reflector.backoff", name: o.name, delayMs: retryAfterMs });
          o.after(retryAfterMs, () => request(options, first, fullFallback));
          return;
        }
        if (!first && !fullFallback && options.continue !== undefined && isResourceExpired(err)) {
          // the pager: a continuation expired ⇒ one full, unpaged list at the requested RV
          items.length = 0;
          request({ resourceVersion: rv }, false, true);
          return;
        }
        failed(err);
        return;
      }
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
