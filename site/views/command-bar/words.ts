/**
 * A command line as words and flags, kubectl-style: quotes group words; `--flag=v`, `--flag v` and
 * `-n v` take values (only the flags the bar knows; any other is an error); names are DNS subdomains.
 */
/** Splits a command line into words, honouring single and double quotes. */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quote: string | null = null;
  let has = false;
  for (const ch of line) {
    if (quote !== null) {
      if (ch === quote) quote = null;
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur !== "") out.push(cur);
      cur = "";
      has = false;
    } else {
      cur += ch;
    }
  }
  if (quote !== null) throw new Error(`unterminated ${quote} quote`);
  if (has || cur !== "") out.push(cur);
  return out;
}

export interface Flags { positional: string[]; flags: Map<string, string[]> }
const VALUE_FLAGS = new Set(["-n", "--namespace", "-o", "--output", "-f", "--filename", "--image", "--replicas", "--from-literal", "--grace-period", "--port", "--node"]);
const BOOL_FLAGS = new Set(["-A", "--all-namespaces", "--overwrite"]);

export function splitFlags(words: string[]): Flags {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  const put = (k: string, v: string) => flags.set(k, [...(flags.get(k) ?? []), v]);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith("-") && w.length > 1 && !/^-\d/.test(w)) {
      const eq = w.indexOf("=");
      const name = eq >= 0 ? w.slice(0, eq) : w;
      if (BOOL_FLAGS.has(name)) {
        put(name, "true");
      } else if (VALUE_FLAGS.has(name)) {
        if (eq >= 0) put(name, w.slice(eq + 1));
        else {
          const v = words[i + 1];
          if (v === undefined) throw new Error(`flag ${name} needs a value`);
          put(name, v);
          i++;
        }
      } else {
        throw new Error(`unknown flag ${name}`);
      }
    } else {
      positional.push(w);
    }
  }
  return { positional, flags };
}

export const one = (f: Flags, ...names: string[]): string | undefined => {
  for (const n of names) {
    const v = f.flags.get(n);
    if (v !== undefined) return v[v.length - 1];
  }
  return undefined;
};

const NAME_RE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
export function checkName(name: string, what = "name"): void {
  if (name.length > 253 || !NAME_RE.test(name)) {
    throw new Error(`invalid ${what} "${name}": use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit`);
  }
}
