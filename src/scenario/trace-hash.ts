/**
 * Trace hash — a fast, deterministic fingerprint of a run: FNV-1a 64 over the UTF-16 code units of the
 * trace's JSON (`JSON.stringify(trace)`, fed event by event so no single huge string is built).
 *
 * Contract: equal traces (same events, same field order) ⇒ equal 16-hex-digit hash, in Node, in a
 * Web Worker and in the page alike. Field order is the emitters' (deterministic for the same code).
 */
import type { TraceEvent } from "../sim/trace.js";

const TWO_32 = 4294967296;

/** Incremental FNV-1a 64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3 = 2^40 + 0x1b3). */
export class Fnv1a64 {
  private hi = 0xcbf29ce4;
  private lo = 0x84222325;

  update(text: string): this {
    let hi = this.hi;
    let lo = this.lo;
    for (let i = 0; i < text.length; i++) {
      lo = (lo ^ text.charCodeAt(i)) >>> 0;
      // (hi·2^32 + lo) · (2^40 + 435) mod 2^64, in exact doubles (every partial product < 2^53).
      const loMul = lo * 435;
      const carry = Math.floor(loMul / TWO_32);
      const hiMul = hi * 435 + carry + (lo & 0xffffff) * 256;
      lo = loMul >>> 0;
      hi = hiMul >>> 0;
    }
    this.hi = hi;
    this.lo = lo;
    return this;
  }

  digest(): string {
    return this.hi.toString(16).padStart(8, "0") + this.lo.toString(16).padStart(8, "0");
  }
}

export function fnv1a64(text: string): string {
  return new Fnv1a64().update(text).digest();
}

/** Hash of `JSON.stringify(trace)`. */
export function traceHash(trace: readonly TraceEvent[]): string {
  const h = new Fnv1a64();
  h.update("[");
  for (let i = 0; i < trace.length; i++) {
    if (i > 0) h.update(",");
    h.update(JSON.stringify(trace[i]));
  }
  h.update("]");
  return h.digest();
}
