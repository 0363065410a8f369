/** Hash routes: `#/` lesson map, `#/lesson/<id>` a lesson, `#/sandbox` the free playground (`?share=…` on
 * either), `#/live` live mode (site/live, with `npm run live`), `#/glossary[/<term>]` the glossary. */
export type Route =
  | { page: "map" }
  | { page: "lesson"; id: string; share?: string }
  | { page: "sandbox"; share?: string }
  | { page: "live" }
  /** The glossary (issue 20 item 10); `term` is a slug of lessons/glossary.md (`#/glossary/informer`). */
  | { page: "glossary"; term?: string };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, "");
  const [path = "", query = ""] = raw.split("?", 2);
  const share = new URLSearchParams(query).get("share") ?? undefined;
  const parts = path.split("/").filter((p) => p !== "");
  if (parts[0] === "lesson" && parts[1] !== undefined) return { page: "lesson", id: decodeOr(parts[1]), share };
  if (parts[0] === "sandbox") return { page: "sandbox", share };
  if (parts[0] === "live") return { page: "live" };
  if (parts[0] === "glossary") return parts[1] !== undefined ? { page: "glossary", term: decodeOr(parts[1]) } : { page: "glossary" };
  return { page: "map" };
}

/** A malformed escape (`%E0%A4%A`) is kept as written: the lesson is then "not found", never a blank page. */
function decodeOr(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function lessonHref(id: string): string {
  return `#/lesson/${id}`;
}
