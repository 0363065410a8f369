/**
 * decodeListSliced — parses a list response body (`{"kind":…,"metadata":…,"items":[…]}`) a slice at a
 * time, yielding to the page between slices, so a 10k-pod initial list never holds the main thread in
 * one JSON.parse of ~10 MB (issue 19: the longest task after the list, budget 50 ms; the profile showed
 * that parse as a ~200 ms task with the informer's Replace).
 *
 * Contract:
 * - Resolves to a value equal to `JSON.parse(text)` (same values, same key order) for any JSON text.
 *   Text that is not JSON rejects with a SyntaxError (from JSON.parse of the whole or of a piece).
 * - Only the "items" array of a top-level object is split: it is found by one scan that skips strings
 *   with indexOf (sliced too), each element is parsed on its own, and the rest of the object is parsed
 *   with an empty array in its place, then given the items. Anything else (no items array, two "items"
 *   keys, a top level that is not an object) is one plain JSON.parse.
 * - Between slices it awaits `o.yieldNow()`; a slice stops once `o.sliceMs` have passed (checked every
 *   few hundred characters of structure or every 32 items); it yields once more before resolving, so
 *   what the caller does with the list starts a task of its own.
 */

export interface SlicedDecodeOptions {
  /** Milliseconds of work per slice before yielding. */
  sliceMs: number;
  /** Resolves on a later task (a MessageChannel round trip in the page). */
  yieldNow: () => Promise<void>;
  now?: () => number;
}

const QUOTE = 34, BACKSLASH = 92, LBRACE = 123, RBRACE = 125, LBRACKET = 91, RBRACKET = 93, COMMA = 44, COLON = 58;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** The index just past the string that opens at `i` (text[i] is a quote), or -1 if it never closes. */
function skipString(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) return -1;
    let k = q - 1;
    while (text.charCodeAt(k) === BACKSLASH) k--;
    if ((q - 1 - k) % 2 === 0) return q + 1;       // an even run of backslashes: the quote closes it
    j = q + 1;
  }
}

interface Split { open: number; close: number; items: Array<[number, number]> }

/**
 * Finds the top-level "items" array: its '[' and ']' offsets and each element's [start, end). Undefined
 * when there is none (or two), or the text is not a well-formed object at the levels it scans.
 */
async function split(text: string, o: SlicedDecodeOptions, now: () => number): Promise<Split | undefined> {
  let i = 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== LBRACE) return undefined;
  let depth = 0;
  let found: Split | undefined;
  let twice = false;
  let lastKey = "";          // the last string closed at depth 1 (a key when a colon follows)
  let inItems = false;       // inside the items array (depth 2 is its level)
  let elemStart = -1;
  let t0 = now();
  let n = 0;
  for (; i < text.length; i++) {
    if ((++n & 511) === 0 && now() - t0 >= o.sliceMs) { await o.yieldNow(); t0 = now(); }
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = skipString(text, i);
      if (end < 0) return undefined;
      if (inItems && depth === 2 && elemStart < 0) elemStart = i;
      if (depth === 1) lastKey = text.slice(i, end);
      i = end - 1;
      continue;
    }
    if (isSpace(c)) continue;
    if (inItems && depth === 2 && elemStart < 0 && c !== RBRACKET && c !== COMMA) elemStart = i;
    if (c === LBRACE || c === LBRACKET) {
      if (depth === 1 && c === LBRACKET && lastKey === '"items"') {
        if (found !== undefined) twice = true;
        found = { open: i, close: -1, items: [] };
        inItems = true;
      }
      depth++;
    } else if (c === RBRACE || c === RBRACKET) {
      if (inItems && depth === 2) {
        if (elemStart >= 0) found!.items.push([elemStart, i]);
        else if (found!.items.length > 0) return undefined;     // "[1,]": JSON.parse says why
        elemStart = -1;
        found!.close = i;
        inItems = false;
      }
      depth--;
      if (depth === 0) break;
    } else if (c === COMMA) {
      if (inItems && depth === 2) {
        if (elemStart < 0) return undefined;                     // "[,1]" or "[1,,2]"
        found!.items.push([elemStart, i]);
        elemStart = -1;
      }
      if (depth === 1) lastKey = "";
    } else if (c === COLON) {
      // the key stays until the value starts
    } else if (depth === 1) {
      lastKey = "";          // a scalar value at depth 1
    }
  }
  if (twice || found === undefined || found.close < 0) return undefined;
  return found;
}

export async function decodeListSliced(text: string, o: SlicedDecodeOptions): Promise<unknown> {
  const now = o.now ?? (() => performance.now());
  const s = await split(text, o, now);
  if (s === undefined) return JSON.parse(text) as unknown;
  const envelope = JSON.parse(text.slice(0, s.open + 1) + text.slice(s.close)) as Record<string, unknown>;
  const items: unknown[] = new Array<unknown>(s.items.length);
  let t0 = now();
  for (let k = 0; k < s.items.length; k++) {
    if ((k & 31) === 31 && now() - t0 >= o.sliceMs) { await o.yieldNow(); t0 = now(); }
    const [a, b] = s.items[k]!;
    items[k] = JSON.parse(text.slice(a, b)) as unknown;
  }
  envelope["items"] = items;
  await o.yieldNow();        // the informer's Replace of the whole list starts a task of its own
  return envelope;
}
