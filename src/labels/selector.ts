/**
 * Label selectors — k8s.io/apimachinery/pkg/labels, the string form the API server accepts in
 * `?labelSelector=` and that listers take.
 *
 * Contract:
 * - Grammar (comma-separated requirements, all ANDed):
 *     key            exists            !key            does not exist
 *     key=value      key==value        key!=value      (value may be empty: `key=`)
 *     key in (v1,v2) key notin (v1,v2) key>N  key<N    (N an integer)
 *   Whitespace is ignored around tokens. `""` selects everything.
 * - Keys are qualified names (`[prefix/]name`, name ≤ 63 chars `[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`,
 *   prefix a DNS subdomain ≤ 253 chars); values are label values (≤ 63 chars, same pattern, or empty).
 * - A malformed selector throws an `ApiError` 400 BadRequest whose message says what was wrong, as the real
 *   server answers a bad `labelSelector` (the same error is what a lister would give back).
 * - Matching: `!=` and `notin` also match objects that do not have the key at all (as in Go); `in`, `=`,
 *   `==`, `>` and `<` require the key. A selector never changes after parsing.
 */
import { newApiError } from "../apimachinery/errors.js";

export type Operator = "exists" | "!" | "=" | "==" | "!=" | "in" | "notin" | ">" | "<";

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  /** The values (one for =, ==, !=, >, <; the set for in/notin; none for exists/!). */
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>> | undefined | null;

/** A parsed label selector. */
export interface LabelSelector {
  /** true when every requirement holds for these labels. */
  matches(labels: Labels): boolean;
  /** true for the selector that selects everything (the empty string). */
  empty(): boolean;
  readonly requirements: readonly Requirement[];
  /** Canonical string form (requirements in the order written). */
  toString(): string;
}

type TokenKind = "id" | "!" | "=" | "==" | "!=" | "(" | ")" | "," | ">" | "<" | "eos";
interface Token { kind: TokenKind; text: string }

const SPECIAL = new Set(["!", "=", "(", ")", ",", ">", "<"]);

function badSelector(selector: string, why: string): Error {
  return newApiError(400, "BadRequest", `unable to parse requirement: ${why} (in label selector "${selector}")`);
}

function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") { i++; continue; }
    if (SPECIAL.has(c)) {
      const two = input.slice(i, i + 2);
      if (two === "==" || two === "!=") { tokens.push({ kind: two, text: two }); i += 2; continue; }
      tokens.push({ kind: c as TokenKind, text: c });
      i++;
      continue;
    }
    let j = i;
    while (j < input.length) {
      const d = input[j]!;
      if (d === " " || d === "\t" || d === "\n" || d === "\r" || SPECIAL.has(d)) break;
      j++;
    }
    tokens.push({ kind: "id", text: input.slice(i, j) });
    i = j;
  }
  tokens.push({ kind: "eos", text: "" });
  return tokens;
}

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const INTEGER = /^-?[0-9]+$/;

/** The validation error for a label key, or undefined when it is a valid qualified name. */
export function validateLabelKey(key: string): string | undefined {
  const slash = key.indexOf("/");
  let name = key;
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    name = key.slice(slash + 1);
    if (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) {
      return `invalid label key "${key}": prefix part must be a DNS subdomain`;
    }
  }
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) {
    return `invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', ` +
      `and must start and end with an alphanumeric character (at most 63 characters)`;
  }
  return undefined;
}

/** The validation error for a label value, or undefined when valid (empty is valid). */
export function validateLabelValue(value: string): string | undefined {
  if (value === "") return undefined;
  if (value.length > 63 || !NAME.test(value)) {
    return `invalid label value: "${value}": a valid label must be an empty string or consist of alphanumeric ` +
      `characters, '-', '_' or '.', and must start and end with an alphanumeric character (at most 63 characters)`;
  }
  return undefined;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[], private readonly source: string) {}

  private peek(): Token { return this.tokens[this.pos]!; }
  private next(): Token { return this.tokens[this.pos++]!; }

  parse(): Requirement[] {
    const out: Requirement[] = [];
    if (this.peek().kind === "eos") return out;
    for (;;) {
      out.push(this.requirement());
      const t = this.next();
      if (t.kind === "eos") return out;
      if (t.kind !== ",") throw badSelector(this.source, `found '${t.text}', expected: ',' or end of string`);
      if (this.peek().kind === "eos") throw badSelector(this.source, "found '', expected: identifier after ','");
    }
  }

  private requirement(): Requirement {
    let t = this.next();
    if (t.kind === "!") {
      t = this.next();
      if (t.kind !== "id") throw badSelector(this.source, `found '${t.text}', expected: identifier after '!'`);
      this.checkKey(t.text);
      const after = this.peek();
      if (after.kind !== "," && after.kind !== "eos") {
        throw badSelector(this.source, `found '${after.text}', expected: ',' or end of string after '!${t.text}'`);
      }
      return { key: t.text, operator: "!", values: [] };
    }
    if (t.kind !== "id") throw badSelector(this.source, `found '${t.text}', expected: !, identifier`);
    const key = t.text;
    this.checkKey(key);
    const op = this.peek();
    if (op.kind === "," || op.kind === "eos") return { key, operator: "exists", values: [] };
    this.next();
    switch (op.kind) {
      case "=": case "==": case "!=": {
        const v = this.peek();
        let value = "";
        if (v.kind === "id") { this.next(); value = v.text; }
        else if (v.kind !== "," && v.kind !== "eos") {
          throw badSelector(this.source, `found '${v.text}', expected: identifier after '${op.text}'`);
        }
        this.checkValue(value);
        return { key, operator: op.kind, values: [value] };
      }
      case ">": case "<": {
        const v = this.next();
        if (v.kind !== "id" || !INTEGER.test(v.text)) {
          throw badSelector(this.source, `for '${op.text}' operator, the value must be an integer, found '${v.text}'`);
        }
        return { key, operator: op.kind, values: [v.text] };
      }
      case "id": {
        if (op.text !== "in" && op.text !== "notin") {
          throw badSelector(this.source, `found '${op.text}', expected: in, notin, =, ==, !=, gt, lt`);
        }
        return { key, operator: op.text, values: this.valueSet() };
      }
      default:
        throw badSelector(this.source, `found '${op.text}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }

  private valueSet(): string[] {
    const open = this.next();
    if (open.kind !== "(") throw badSelector(this.source, `found '${open.text}', expected: '('`);
    const values: string[] = [];
    if (this.peek().kind === ")") { this.next(); return [""]; }
    for (;;) {
      const v = this.peek();
      let value = "";
      if (v.kind === "id") { this.next(); value = v.text; }
      else if (v.kind !== "," && v.kind !== ")") {
        throw badSelector(this.source, `found '${v.text}', expected: ',', ')' or identifier`);
      }
      this.checkValue(value);
      values.push(value);
      const sep = this.next();
      if (sep.kind === ")") return values;
      if (sep.kind !== ",") throw badSelector(this.source, `found '${sep.text}', expected: ',' or ')'`);
    }
  }

  private checkKey(key: string): void {
    const err = validateLabelKey(key);
    if (err !== undefined) throw badSelector(this.source, err);
  }
  private checkValue(value: string): void {
    const err = validateLabelValue(value);
    if (err !== undefined) throw badSelector(this.source, err);
  }
}

function matchRequirement(r: Requirement, labels: Labels): boolean {
  const has = labels != null && Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels![r.key] : undefined;
  switch (r.operator) {
    case "exists": return has;
    case "!": return !has;
    case "=": case "==": return has && value === r.values[0];
    case "!=": return !has || value !== r.values[0];
    case "in": return has && r.values.includes(value!);
    case "notin": return !has || !r.values.includes(value!);
    case ">": case "<": {
      if (!has || !INTEGER.test(value!)) return false;
      const a = Number(value);
      const b = Number(r.values[0]);
      return r.operator === ">" ? a > b : a < b;
    }
  }
}

function requirementString(r: Requirement): string {
  switch (r.operator) {
    case "exists": return r.key;
    case "!": return `!${r.key}`;
    case "in": case "notin": return `${r.key} ${r.operator} (${r.values.join(",")})`;
    default: return `${r.key}${r.operator}${r.values[0]}`;
  }
}

class ParsedSelector implements LabelSelector {
  constructor(readonly requirements: readonly Requirement[]) {}
  matches(labels: Labels): boolean {
    const reqs = this.requirements;
    for (let i = 0; i < reqs.length; i++) if (!matchRequirement(reqs[i]!, labels)) return false;
    return true;
  }
  empty(): boolean { return this.requirements.length === 0; }
  toString(): string { return this.requirements.map(requirementString).join(","); }
}

const EVERYTHING: LabelSelector = Object.freeze(new ParsedSelector(Object.freeze([])));

/** Parses a label selector string; throws ApiError 400 BadRequest when malformed. */
export function parseSelector(selector: string | undefined | null): LabelSelector {
  if (selector === undefined || selector === null || selector.trim() === "") return EVERYTHING;
  const reqs = new Parser(lex(selector), selector).parse();
  return Object.freeze(new ParsedSelector(Object.freeze(reqs.map((r) => Object.freeze({ ...r, values: Object.freeze([...r.values]) })))));
}

/** Whether these labels match the selector string (parsed each call; parse once for hot paths). */
export function matchesSelector(labels: Labels, selector: string | LabelSelector | undefined): boolean {
  const s = typeof selector === "string" || selector === undefined ? parseSelector(selector) : selector;
  return s.matches(labels);
}

/** The selector that selects everything. */
export function everything(): LabelSelector {
  return EVERYTHING;
}

/** A selector requiring exactly these key=value pairs (Go's labels.SelectorFromSet); validated like parse. */
export function selectorFromSet(set: Readonly<Record<string, string>>): LabelSelector {
  const keys = Object.keys(set).sort();
  const reqs: Requirement[] = keys.map((key) => {
    const keyErr = validateLabelKey(key);
    const valueErr = validateLabelValue(set[key]!);
    if (keyErr !== undefined || valueErr !== undefined) {
      throw newApiError(400, "BadRequest", `unable to parse requirement: ${keyErr ?? valueErr}`);
    }
    return Object.freeze({ key, operator: "=" as const, values: Object.freeze([set[key]!]) });
  });
  return Object.freeze(new ParsedSelector(Object.freeze(reqs)));
}
