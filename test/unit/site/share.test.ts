/** Share links: compressed, URL-safe, unicode-safe, and a bad token is refused rather than guessed. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodeShare, encodeShare, shareHash } from "../../../site/storage/share.js";
import { parseRoute } from "../../../site/shell/router.js";

describe("share links", () => {
  it("round-trips lesson, code, actions and step for any text, including Chinese and emoji", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), fc.nat(100_000), fc.nat(60_000), (code, step, at) => {
      const payload = { lesson: "01-the-big-picture", code, step,
        actions: [{ op: "delete" as const, resource: "pods", namespace: "default", name: "web-1", at }] };
      const token = encodeShare(payload);
      expect(token).toMatch(/^[A-Za-z0-9+\-$]*$/);
      expect(decodeShare(token)).toEqual({ v: 1, ...payload });
    }));
  });

  it("keeps a long program short enough for a URL", () => {
    const code = "log(`Pod added: ${pod.metadata.name}`);\n".repeat(60) + "// 删除时可能收到墓碑 🪦\n";
    expect(encodeShare({ lesson: "sandbox", code, actions: [], step: 3 }).length).toBeLessThan(code.length / 3);
  });

  it("builds a hash route that the router reads back", () => {
    const hash = shareHash({ lesson: "07-tombstones", code: "x", actions: [], step: 37 });
    const route = parseRoute(hash);
    expect(route).toMatchObject({ page: "lesson", id: "07-tombstones" });
    expect(decodeShare((route as { share: string }).share)?.step).toBe(37);
    expect(parseRoute(shareHash({ lesson: "sandbox", code: "y", actions: [], step: 0 }))).toMatchObject({ page: "sandbox" });
  });

  it("refuses garbage instead of opening something else", () => {
    expect(decodeShare("not-a-token")).toBeUndefined();
    expect(decodeShare("")).toBeUndefined();
  });
});

describe("routes", () => {
  it("maps the hash to the lesson map, a lesson or the sandbox", () => {
    expect(parseRoute("")).toEqual({ page: "map" });
    expect(parseRoute("#/")).toEqual({ page: "map" });
    expect(parseRoute("#/lesson/01-the-big-picture")).toEqual({ page: "lesson", id: "01-the-big-picture", share: undefined });
    expect(parseRoute("#/sandbox")).toEqual({ page: "sandbox", share: undefined });
  });
});
