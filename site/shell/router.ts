/** Hash routes: `#/` lesson map, `#/lesson/<id>` a lesson, `#/sandbox` the free playground; `?share=…` on either. */
export type Route =
  | { page: "map" }
  | { page: "lesson"; id: string; share?: string }
  | { page: "sandbox"; share?: string };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, "");
  const [path = "", query = ""] = raw.split("?", 2);
  const share = new URLSearchParams(query).get("share") ?? undefined;
  const parts = path.split("/").filter((p) => p !== "");
  if (parts[0] === "lesson" && parts[1] !== undefined) return { page: "lesson", id: decodeOr(parts[1]), share };
  if (parts[0] === "sandbox") return { page: "sandbox", share };
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
