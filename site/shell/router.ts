/** Hash routes: `#/` lesson map, `#/lesson/<id>` a lesson, `#/sandbox` the free playground (`?share=…` on
 * either), `#/live` live mode (site/live, with `npm run live`), `#/glossary[/<term>]` the glossary.
 * A lesson id is its folder name; when lessons move (issue 20 item 7) the old id stays an alias of the new
 * one (`LESSON_ALIASES`), so old links, share links, saved progress and drafts keep working. */
export type Route =
  | { page: "map" }
  | { page: "lesson"; id: string; share?: string }
  | { page: "sandbox"; share?: string }
  | { page: "live" }
  /** The glossary (issue 20 item 10); `term` is a slug of lessons/glossary.md (`#/glossary/informer`). */
  | { page: "glossary"; term?: string };

/**
 * Old lesson id → the id it has now (session 24 reorder: "wait for cache sync" next to "list then watch",
 * "the Reflector under stress" after tombstones and resync, whose rules it relies on). Never remove an
 * entry: it is somebody's bookmark, share link or saved progress. Chains are followed (a → b → c).
 */
export const LESSON_ALIASES: Readonly<Record<string, string>> = {
  "03-reflector-under-stress": "10-reflector-under-stress",
  "10-wait-for-cache-sync": "03-wait-for-cache-sync",
};

/** The current id of a lesson id that may be an old one (unknown ids are returned as they are). */
export function canonicalLessonId(id: string): string {
  const seen = new Set<string>([id]);
  let current = id;
  while (Object.hasOwn(LESSON_ALIASES, current)) {
    const next = LESSON_ALIASES[current]!;
    if (seen.has(next)) break; // a cycle in the table: stop where we are
    seen.add(next);
    current = next;
  }
  return current;
}

/** The old ids that now name `id` (where drafts saved under an old id are looked for). */
export function oldLessonIds(id: string): string[] {
  return Object.keys(LESSON_ALIASES).filter((old) => old !== id && canonicalLessonId(old) === id);
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, "");
  const [path = "", query = ""] = raw.split("?", 2);
  const share = new URLSearchParams(query).get("share") ?? undefined;
  const parts = path.split("/").filter((p) => p !== "");
  if (parts[0] === "lesson" && parts[1] !== undefined) return { page: "lesson", id: canonicalLessonId(decodeOr(parts[1])), share };
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
