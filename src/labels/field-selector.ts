/**
 * Field selectors — k8s.io/apimachinery/pkg/fields: `?fieldSelector=metadata.name=x,spec.nodeName!=`.
 *
 * Contract:
 * - Comma-separated terms, all ANDed; each is `field=value`, `field==value` or `field!=value` (values may
 *   be empty). `\,`, `\=` and `\\` escape those characters inside a value. `""` selects everything.
 * - A term without an operator, or with an empty field name, throws ApiError 400 BadRequest.
 * - Which fields exist is per kind and decided by the API server ("field label not supported"), not here:
 *   this file only parses, and matches against a field-value getter.
 */
import { newApiError } from "../apimachinery/errors.js";

export interface FieldRequirement {
  readonly field: string;
  readonly operator: "=" | "!=";
  readonly value: string;
}

export interface FieldSelector {
  readonly requirements: readonly FieldRequirement[];
  /** `fieldOf(name)` gives the object's value for a field ("" when absent). */
  matches(fieldOf: (field: string) => string): boolean;
  empty(): boolean;
  toString(): string;
}

function bad(selector: string, why: string): Error {
  return newApiError(400, "BadRequest", `invalid field selector "${selector}": ${why}`);
}

/** Splits on unescaped `sep`, keeping escapes in the parts. */
function splitUnescaped(s: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "\\" && i + 1 < s.length) { cur += c + s[i + 1]!; i++; continue; }
    if (c === sep) { parts.push(cur); cur = ""; continue; }
    cur += c;
  }
  parts.push(cur);
  return parts;
}

function unescape(selector: string, s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "\\") {
      const n = s[i + 1];
      if (n !== "\\" && n !== "," && n !== "=") throw bad(selector, `invalid escape sequence in "${s}"`);
      out += n;
      i++;
      continue;
    }
    if (c === "," || c === "=") throw bad(selector, `unescaped '${c}' in value "${s}"`);
    out += c;
  }
  return out;
}

function parseTerm(selector: string, term: string): FieldRequirement {
  // find the first unescaped operator
  for (let i = 0; i < term.length; i++) {
    const c = term[i]!;
    if (c === "\\") { i++; continue; }
    let op: "=" | "!=" | undefined;
    let width = 0;
    if (c === "!" && term[i + 1] === "=") { op = "!="; width = 2; }
    else if (c === "=" && term[i + 1] === "=") { op = "="; width = 2; }
    else if (c === "=") { op = "="; width = 1; }
    if (op === undefined) continue;
    const field = term.slice(0, i).trim();
    if (field === "") throw bad(selector, `empty field name in "${term}"`);
    return { field, operator: op, value: unescape(selector, term.slice(i + width).trim()) };
  }
  throw bad(selector, `invalid selector: '${term}'; can't understand '${term}'`);
}

class ParsedFieldSelector implements FieldSelector {
  constructor(readonly requirements: readonly FieldRequirement[]) {}
  matches(fieldOf: (field: string) => string): boolean {
    for (const r of this.requirements) {
      const v = fieldOf(r.field);
      if (r.operator === "=" ? v !== r.value : v === r.value) return false;
    }
    return true;
  }
  empty(): boolean { return this.requirements.length === 0; }
  toString(): string {
    const esc = (v: string): string => v.replace(/[\\,=]/g, (m) => `\\${m}`);
    return this.requirements.map((r) => `${r.field}${r.operator}${esc(r.value)}`).join(",");
  }
}

const EVERYTHING_FIELDS: FieldSelector = Object.freeze(new ParsedFieldSelector(Object.freeze([])));

/** Parses a field selector; throws ApiError 400 BadRequest when malformed. */
export function parseFieldSelector(selector: string | undefined | null): FieldSelector {
  if (selector === undefined || selector === null || selector.trim() === "") return EVERYTHING_FIELDS;
  const reqs = splitUnescaped(selector, ",").map((term) => {
    if (term.trim() === "") throw bad(selector, "empty term");
    return Object.freeze(parseTerm(selector, term));
  });
  return Object.freeze(new ParsedFieldSelector(Object.freeze(reqs)));
}
