/** `get <resource> [name] [-n ns | -A] [-o yaml|json|wide]`: answers from the server objects of the current step. */
import { stringify as toYaml } from "yaml";
import { resourceInfo } from "./resources.js";
import type { CommandContext, CommandResult } from "./types.js";
import { one, type Flags } from "./words.js";

const pad = (rows: string[][]): string => {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]! + 3))).join("")).join("\n");
};

export function get(f: Flags, ctx: CommandContext, ns: string): CommandResult {
  const [what, name, extra] = f.positional;
  if (what === undefined) return { ok: false, error: "get: which resource? e.g. get pods" };
  if (extra !== undefined) return { ok: false, error: `get: unexpected argument "${extra}"` };
  const info = resourceInfo(what);
  if (info === undefined) return { ok: false, error: `the server doesn't have a resource type "${what}"` };
  const all = one(f, "-A", "--all-namespaces") !== undefined;
  const output = one(f, "-o", "--output");
  if (output !== undefined && output !== "yaml" && output !== "json" && output !== "wide") {
    return { ok: false, error: `get: unknown output format "${output}" (yaml, json, wide)` };
  }
  let objects = [...ctx.objects].filter((o) => o.resource === info.resource);
  if (info.namespaced && !all) objects = objects.filter((o) => o.key.startsWith(`${ns}/`));
  if (name !== undefined) {
    objects = objects.filter((o) => o.object.metadata.name === name);
    if (objects.length === 0) return { ok: false, error: `${info.resource} "${name}" not found${info.namespaced ? ` in namespace ${ns}` : ""}` };
  }
  if (output === "yaml" || output === "json") {
    const items = objects.map((o) => o.object);
    const value = name !== undefined ? items[0] : { apiVersion: "v1", kind: "List", items };
    return { ok: true, output: output === "json" ? JSON.stringify(value, null, 2) : toYaml(value) };
  }
  if (objects.length === 0) return { ok: true, output: info.namespaced && !all ? `No resources found in ${ns} namespace.` : "No resources found." };
  const header = [...(all && info.namespaced ? ["NAMESPACE"] : []), "NAME", "RESOURCEVERSION", "LABELS"];
  const rows = objects
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((o) => [
      ...(all && info.namespaced ? [o.object.metadata.namespace ?? ""] : []),
      o.object.metadata.name + (o.deleting ? " (terminating)" : ""), o.rv,
      Object.entries(o.object.metadata.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(",") || "<none>",
    ]);
  return { ok: true, output: pad([header, ...rows]) };
}
