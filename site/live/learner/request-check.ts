/**
 * The page's check of a request from the learner's live code (its clientset, through the live worker)
 * BEFORE anything is sent: the live proxy's own policy (server/live/policy.ts checkApi, wire.md §7.6
 * item 4), with the page's knowledge of it (/live/info: read-only or writes, the namespace), plus the
 * transport's own limits.
 *
 * Contract: `checkLiveRequest` answers undefined (send it) or the reason it is refused, in words a
 * learner can act on. Refused: anything checkApi refuses (secrets/exec/…, resources off the allowlist,
 * any write without --allow-writes, a write outside the namespace, a body without a JSON content type);
 * a watch (the page's informer does the watching); a path that is not an absolute API path.
 * The proxy checks everything again on its side: this check is what lets the page refuse with a clear
 * message and never send a request the proxy would refuse.
 */
import { checkApi, type ApiPolicy } from "../../../server/live/policy.js";

export interface LiveRequest { method: string; path: string; contentType?: string }

export function checkLiveRequest(r: LiveRequest, policy: ApiPolicy): string | undefined {
  if (!r.path.startsWith("/") || r.path.startsWith("//") || /[#\s\\]/.test(r.path)) return `${JSON.stringify(r.path.slice(0, 200))} is not an API path`;
  const q = r.path.indexOf("?");
  const path = q < 0 ? r.path : r.path.slice(0, q);
  const query = new URLSearchParams(q < 0 ? "" : r.path.slice(q + 1));
  const watch = query.get("watch");
  if ((watch !== null && watch !== "false" && watch !== "0") || path.split("/").includes("watch")) {
    return "a watch from your code is not carried: the informer on this page does the watching (use the objects your handlers get, or list/get)";
  }
  return checkApi(r.method, path, r.contentType, policy);
}
