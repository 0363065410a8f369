/** Hash routes: `#/` lesson map, `#/lesson/<id>` a lesson, `#/sandbox` the free playground (`?share=…` on
 * either), `#/live` live mode (site/live, with `npm run live`). */
export type Route =
  | { page: "map" }
  | { page: "lesson"; id: string; share?: string }
  | { page: "sandbox"; share?: string }
  | { page: "live" };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, "");
  const [path = "", query = ""] = raw.split("?", 2);
  const share = new URLSearchParams(query).get("share") ?? undefined;
  const parts = path.split("/").filter((p) => p !== "");
  if (parts[0] === "lesson" && parts[1] !== undefined) return { page: "lesson", id: decodeURIComponent(parts[1]), share };
  if (parts[0] === "sandbox") return { page: "sandbox", share };
  if (parts[0] === "live") return { page: "live" };
  return { page: "map" };
}

export function lessonHref(id: string): string {
  return `#/lesson/${id}`;
}
