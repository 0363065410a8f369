/**
 * How the learner's `log(...)` prints a value, and how a thrown value becomes an error message
 * (API.md "Playground": log).
 *
 * Contract: `formatValue` never throws and gives the same text in every realm (Node, a Web Worker):
 * strings as they are, errors as "Name: message", functions as "[Function name]", Maps and Sets by their
 * entries, the rest as JSON (String(v) when JSON cannot). `messageOf` is an error's message (its name when
 * the message is empty), or formatValue of anything else thrown.
 */

/** How log() prints one value: strings as they are, errors as "Name: message", the rest as JSON. */
export function formatValue(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === undefined) return "undefined";
  if (typeof v === "function") return `[Function ${v.name === "" ? "(anonymous)" : v.name}]`;
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "symbol") return v.toString();
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  if (typeof v !== "object" || v === null) return String(v);
  if (v instanceof Map) return `Map(${formatValue([...v])})`;
  if (v instanceof Set) return `Set(${formatValue([...v])})`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** The message a thrown value gives a run's error. */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message === "" ? e.name : e.message;
  return formatValue(e);
}
