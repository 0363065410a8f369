/**
 * Continue tokens for paged lists (spec §3.4 "Paging"; apiserver storage/etcd3 continue.go).
 *
 * Contract:
 * - A token encodes `{v: "meta.k8s.io/v1", rv: snapshotRev, start: nextKey}` as base64 JSON, as the real
 *   server does; `rv: -1` means "continue from the latest state" (what a 410 on an expired token offers).
 * - Clients must treat tokens as opaque. A token that does not decode is a 400 BadRequest.
 * - Keys are ASCII (object names are DNS names), so a plain base64 of the char codes is exact.
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function toBase64(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i += 3) {
    const a = s.charCodeAt(i) & 0xff;
    const b = i + 1 < s.length ? s.charCodeAt(i + 1) & 0xff : 0;
    const c = i + 2 < s.length ? s.charCodeAt(i + 2) & 0xff : 0;
    const n = (a << 16) | (b << 8) | c;
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += i + 1 < s.length ? ALPHABET[(n >> 6) & 63]! : "=";
    out += i + 2 < s.length ? ALPHABET[n & 63]! : "=";
  }
  return out;
}

function fromBase64(s: string): string | undefined {
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  let out = "";
  for (let i = 0; i < s.length; i += 4) {
    const q = [0, 1, 2, 3].map((j) => (s[i + j] === "=" ? 0 : ALPHABET.indexOf(s[i + j]!)));
    const n = (q[0]! << 18) | (q[1]! << 12) | (q[2]! << 6) | q[3]!;
    out += String.fromCharCode((n >> 16) & 0xff);
    if (s[i + 2] !== "=") out += String.fromCharCode((n >> 8) & 0xff);
    if (s[i + 3] !== "=") out += String.fromCharCode(n & 0xff);
  }
  return out;
}

export interface ContinueToken { rv: number; start: string }

export function encodeContinue(token: ContinueToken): string {
  return toBase64(JSON.stringify({ v: "meta.k8s.io/v1", rv: token.rv, start: token.start }));
}

/** The decoded token, or undefined if it is not a valid token. */
export function decodeContinue(s: string): ContinueToken | undefined {
  const json = fromBase64(s);
  if (json === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const p = parsed as { v?: unknown; rv?: unknown; start?: unknown };
    if (p.v !== "meta.k8s.io/v1" || typeof p.rv !== "number" || typeof p.start !== "string") return undefined;
    return { rv: p.rv, start: p.start };
  } catch {
    return undefined;
  }
}
