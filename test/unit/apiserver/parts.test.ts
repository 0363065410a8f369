/** The server's small parts on their own: RV codec, continue tokens, the watch window, freezing. */
import { describe, expect, it } from "vitest";
import { ResourceVersionCodec } from "../../../src/apiserver/resource-version.js";
import { decodeContinue, encodeContinue } from "../../../src/apiserver/continue-token.js";
import { WatchCache, type StoreEvent } from "../../../src/apiserver/watch-cache.js";
import { deepEqual, freezeCopy, isDeepFrozen } from "../../../src/apiserver/frozen.js";

describe("ResourceVersionCodec", () => {
  it("decimal: encode/decode round-trip; foreign strings are undefined", () => {
    const c = new ResourceVersionCodec();
    expect(c.encode(0)).toBe("0");
    expect(c.encode(42)).toBe("42");
    expect(c.decode("42")).toBe(42);
    expect(c.decode("rv.16")).toBeUndefined();
    expect(c.decode("-1")).toBeUndefined();
    expect(c.decode("")).toBeUndefined();
  });
  it("decimal above 2^53: exact strings, internal revisions stay small", () => {
    const c = new ResourceVersionCodec("decimal", "9007199254740993");
    expect(c.encode(2)).toBe("9007199254740995");
    expect(c.decode("9007199254740995")).toBe(2);
    expect(c.decode("5")).toBeLessThan(0);                   // older than this server: below any window
  });
  it("opaque: non-numeric, round-trips, with or without a start", () => {
    for (const start of [0, "9007199254740993"]) {
      const c = new ResourceVersionCodec("opaque", start);
      for (const rev of [0, 1, 35, 36, 123456]) {
        const s = c.encode(rev);
        expect(s).toMatch(/^rv\.[0-9a-z]+$/);
        expect(c.decode(s)).toBe(rev);
      }
      expect(c.decode("12")).toBeUndefined();
    }
  });
});

describe("continue tokens", () => {
  it("round-trip, and are base64 JSON", () => {
    const t = encodeContinue({ rv: 17, start: "ns/name-1" });
    expect(decodeContinue(t)).toEqual({ rv: 17, start: "ns/name-1" });
    expect(JSON.parse(Buffer.from(t, "base64").toString("utf8"))).toEqual({ v: "meta.k8s.io/v1", rv: 17, start: "ns/name-1" });
  });
  it.each(["", "abc", "!!!!", Buffer.from("{}").toString("base64"), Buffer.from('{"v":"x","rv":1,"start":""}').toString("base64")])(
    "rejects %j", (token) => {
      expect(decodeContinue(token)).toBeUndefined();
    });
});

describe("WatchCache", () => {
  const ev = (rev: number): StoreEvent => ({ rev, type: "ADDED", key: `k${rev}`, object: { metadata: { name: `k${rev}` } }, prev: undefined });
  it("keeps the last `capacity` events; floor = oldest buffered − 1 after an eviction", () => {
    const w = new WatchCache(3, 0);
    for (const r of [2, 5, 6]) w.push(ev(r));
    expect(w.floor).toBe(0);
    expect(w.since(0).map((e) => e.rev)).toEqual([2, 5, 6]);
    expect(w.since(4).map((e) => e.rev)).toEqual([5, 6]);
    w.push(ev(9));
    expect(w.floor).toBe(4);
    expect(w.since(4).map((e) => e.rev)).toEqual([5, 6, 9]);
    expect(w.since(9)).toEqual([]);
    w.reset(12);
    expect(w.floor).toBe(12);
    expect(w.length).toBe(0);
  });
  it("capacity 0 keeps nothing: only the newest revision can be resumed from", () => {
    const w = new WatchCache(0, 0);
    w.push(ev(3));
    expect(w.floor).toBe(3);
    expect(w.since(3)).toEqual([]);
  });
});

describe("freezeCopy", () => {
  it("copies deeply, freezes deeply, drops undefined, and shares deep-frozen parts", () => {
    const shared = freezeCopy({ a: [1, { b: 2 }] });
    const input = { x: { y: 1, z: undefined }, s: shared, list: [{ q: 1 }] };
    const out = freezeCopy(input);
    expect(out).not.toBe(input);
    expect(out.s).toBe(shared);
    expect(isDeepFrozen(out)).toBe(true);
    expect("z" in out.x).toBe(false);
    input.list[0]!.q = 2;
    expect(out.list[0]!.q).toBe(1);
  });
  it("does not trust a shallow Object.freeze: mutable children are copied", () => {
    const child = { n: 1 };
    const sneaky = Object.freeze({ child });
    const out = freezeCopy({ sneaky });
    expect(out.sneaky).not.toBe(sneaky);
    child.n = 2;
    expect(out.sneaky.child.n).toBe(1);
  });
  it("deepEqual ignores key order and undefined properties", () => {
    expect(deepEqual({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1, d: undefined })).toBe(true);
    expect(deepEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(deepEqual({ a: {} }, { a: [] })).toBe(false);
  });
});
