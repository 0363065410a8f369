/**
 * Resource versions on the wire (spec R1, F11).
 *
 * Contract:
 * - Internally the server's revision is a plain number counting writes since the server started (0 before
 *   the first write). A client only ever sees its string encoding, and may only compare for equality.
 * - "decimal" mode (default) prints `start + rev` in base 10, where `start` (default 0) may be any
 *   non-negative integer, e.g. 2^53 + 1, so that clients which parseInt() RVs break as they would against
 *   a real cluster (Headlamp #6548, fluent-bit #8314). Arithmetic is done in bigint only in that mode.
 * - "opaque" mode prints `"rv." + base36(start + rev)`: ordered internally, meaningless outside.
 * - `decode` maps a client's string back to the internal revision, or undefined if it is not one of
 *   ours. The special value "0" ("any") is handled by the callers, never decoded.
 */
export type ResourceVersionFormat = "decimal" | "opaque";

const DIGITS = /^[0-9]+$/;
const OPAQUE = /^rv\.[0-9a-z]+$/;

export class ResourceVersionCodec {
  private readonly big: bigint;
  private readonly fast: boolean;

  constructor(readonly format: ResourceVersionFormat = "decimal", start: string | number | bigint = 0) {
    this.big = BigInt(start);
    if (this.big < 0n) throw new RangeError("initial resource version must not be negative");
    this.fast = this.big === 0n;
  }

  encode(rev: number): string {
    if (this.format === "decimal") return this.fast ? String(rev) : (this.big + BigInt(rev)).toString();
    return "rv." + (this.fast ? rev.toString(36) : (this.big + BigInt(rev)).toString(36));
  }

  /** The internal revision for a client-supplied RV (may be negative: older than this server), or undefined. */
  decode(rv: string): number | undefined {
    if (this.format === "decimal") {
      if (!DIGITS.test(rv)) return undefined;
      if (this.fast && rv.length < 16) return Number(rv);
      return Number(BigInt(rv) - this.big);
    }
    if (!OPAQUE.test(rv)) return undefined;
    let v = 0n;
    for (const c of rv.slice(3)) v = v * 36n + BigInt(parseInt(c, 36));
    return Number(v - this.big);
  }
}
