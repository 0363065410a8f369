// decodeListSliced (site/live/list-decoder.ts): the initial list parsed a slice at a time equals
// JSON.parse of the whole body, for generated lists and for any JSON; bad JSON rejects; it yields.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeListSliced } from "../../site/live/list-decoder.js";

const opts = (yields: { n: number }, sliceMs = 0) => ({ sliceMs, yieldNow: async () => { yields.n++; }, now: (() => { let t = 0; return () => (t += 1); })() });

describe("decodeListSliced", () => {
  it("equals JSON.parse for lists of any items, whatever the spacing and key order", async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.jsonValue(), { maxLength: 30 }), fc.jsonValue(), fc.boolean(), fc.integer({ min: 0, max: 3 }), fc.constantFrom<0 | 2 | "\t">(0, 2, "\t"),
      async (items, extra, itemsFirst, sliceMs, space) => {
        const body = itemsFirst ? { items, kind: "PodList", metadata: { resourceVersion: "12", continue: "a\"b\\" }, extra }
          : { kind: "PodList", apiVersion: "v1", metadata: { resourceVersion: "12" }, extra, items };
        const text = JSON.stringify(body, null, space);
        const got = await decodeListSliced(text, opts({ n: 0 }, sliceMs));
        expect(got).toEqual(JSON.parse(text));
        expect(JSON.stringify(got)).toBe(JSON.stringify(JSON.parse(text)));      // same key order
      }), { numRuns: 300 });
  });

  it("equals JSON.parse for any JSON at all (no items array, items not an array, nested items)", async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue(), async (v) => {
      const text = JSON.stringify(v);
      expect(JSON.stringify(await decodeListSliced(text, opts({ n: 0 })))).toBe(JSON.stringify(JSON.parse(text)));
    }), { numRuns: 300 });
    for (const text of ['{"items":{"items":[1]}}', '{"a":{"items":[1,2]},"items":[3]}', '{"items":[1],"items":[2,3]}', '{"items":"[1,2]"}', '  {"items" : [ ] }  ', '[{"items":[1]}]', '"x"']) {
      expect([text, JSON.stringify(await decodeListSliced(text, opts({ n: 0 })))]).toEqual([text, JSON.stringify(JSON.parse(text))]);
    }
  });

  it("rejects what JSON.parse rejects", async () => {
    for (const text of ['{"items":[1 2]}', '{"items":[{"a":1},]}', '{"items":[1]} x', '{"items":[1]', '{"kind":"x","items":[1,{"b":"unterminated]}', "", "{", '{"items":[01]}']) {
      expect(() => JSON.parse(text)).toThrow();
      await expect(decodeListSliced(text, opts({ n: 0 }))).rejects.toThrow(SyntaxError);
    }
  });

  it("yields between slices on a big list, and parses 10k pods the same as JSON.parse", async () => {
    const pod = (i: number) => ({ metadata: { name: `load-${i}`, namespace: "default", labels: { app: "load", "q\"uote": "\\" }, resourceVersion: String(i) },
      spec: { containers: [{ name: "main", image: "nginx:1.27", args: ["a,b", "[x]", "{y}"] }] }, status: { phase: "Running" } });
    const text = JSON.stringify({ kind: "PodList", apiVersion: "v1", metadata: { resourceVersion: "10003" }, items: Array.from({ length: 10_000 }, (_, i) => pod(i)) });
    const yields = { n: 0 };
    const got = await decodeListSliced(text, { sliceMs: 4, yieldNow: async () => { yields.n++; } });
    expect(got).toEqual(JSON.parse(text));
    const fake = { n: 0 };
    await decodeListSliced(text, opts(fake, 2));       // a fake clock: 1 ms per reading
    expect(fake.n).toBeGreaterThan(100);
  });
});
