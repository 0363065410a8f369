import { describe, expect, it } from "vitest";
import { ApiError, isBadRequest, labels, matchesSelector, parseFieldSelector, parseSelector } from "../../../src/index.js";

const web = { app: "web", tier: "fe", version: "3" };

describe("label selectors", () => {
  it.each([
    ["", true],
    ["app", true],
    ["!app", false],
    ["!missing", true],
    ["app=web", true],
    ["app==web", true],
    ["app=db", false],
    ["app!=db", true],
    ["app!=web", false],
    ["missing!=x", true],                    // != matches objects without the key
    ["app in (web,db)", true],
    ["app in (db)", false],
    ["missing in (x)", false],
    ["app notin (db,cache)", true],
    ["app notin (web)", false],
    ["missing notin (x)", true],             // notin matches objects without the key
    ["version>2", true],
    ["version<2", false],
    ["missing>0", false],
    ["app=web,tier=fe", true],
    ["app=web,tier=be", false],
    ["  app = web ,  tier in ( fe , be )  ", true],
    ["example.com/role", false],
    ["app=", false],                         // empty value: app must equal ""
  ])("%j matches %j", (selector, expected) => {
    expect(labels.matches(web, selector)).toBe(expected);
    expect(parseSelector(selector).matches(web)).toBe(expected);
  });

  it("treats missing labels as an empty set", () => {
    expect(matchesSelector(undefined, "app")).toBe(false);
    expect(matchesSelector(undefined, "!app")).toBe(true);
    expect(matchesSelector(undefined, "")).toBe(true);
    expect(matchesSelector({ app: "" }, "app=")).toBe(true);
  });

  it.each([
    ["app=web,", "identifier after ','"],
    ["app in web", "expected: '('"],
    ["app in (web", "expected: ',' or ')'"],
    ["app web", "expected: in, notin"],
    ["!", "identifier after '!'"],
    ["=web", "expected: !, identifier"],
    ["app>x", "must be an integer"],
    ["bad key!=1", "expected: in, notin"],
    ["-app=web", "invalid label key"],
    ["app=-web-", "invalid label value"],
    ["Example.com/app=web", "prefix part must be a DNS subdomain"],
    [`app=${"x".repeat(64)}`, "invalid label value"],
  ])("rejects %j with a 400 that says %j", (selector, fragment) => {
    let err: unknown;
    try {
      parseSelector(selector);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect(isBadRequest(err)).toBe(true);
    expect((err as ApiError).code).toBe(400);
    expect((err as ApiError).message).toContain(fragment);
  });

  it("labels.parse returns a reusable selector with a canonical string form", () => {
    const s = labels.parse("app in (web,db), !canary,tier");
    expect(s.matches({ app: "db", tier: "be" })).toBe(true);
    expect(s.matches({ app: "db", tier: "be", canary: "1" })).toBe(false);
    expect(s.toString()).toBe("app in (web,db),!canary,tier");
    expect(s.empty()).toBe(false);
    expect(labels.parse("").empty()).toBe(true);
    expect(labels.everything().matches({ anything: "x" })).toBe(true);
  });

  it("selectorFromSet requires every pair", () => {
    const s = labels.selectorFromSet({ tier: "fe", app: "web" });
    expect(s.matches(web)).toBe(true);
    expect(s.matches({ app: "web" })).toBe(false);
    expect(s.toString()).toBe("app=web,tier=fe");
  });
});

describe("field selectors", () => {
  const fields: Record<string, string> = { "metadata.name": "a", "spec.nodeName": "", "x.y": "p,q=r" };
  const of = (f: string): string => fields[f] ?? "";

  it.each([
    ["", true],
    ["metadata.name=a", true],
    ["metadata.name==a", true],
    ["metadata.name!=a", false],
    ["spec.nodeName=", true],                // unbound: empty value
    ["spec.nodeName!=", false],
    ["metadata.name=a,spec.nodeName=n1", false],
    ["x.y=p\\,q\\=r", true],                 // escaped separators in a value
  ])("%j matches %j", (selector, expected) => {
    expect(parseFieldSelector(selector).matches(of)).toBe(expected);
  });

  it.each([["metadata.name"], ["=a"], ["a=b,,c=d"], ["a=b\\x"]])("rejects %j with 400", (selector) => {
    let err: unknown;
    try {
      parseFieldSelector(selector);
    } catch (e) {
      err = e;
    }
    expect((err as ApiError).code).toBe(400);
  });

  it("round-trips through toString with escapes", () => {
    const s = parseFieldSelector("x.y=p\\,q,metadata.name!=b");
    expect(s.toString()).toBe("x.y=p\\,q,metadata.name!=b");
    expect(s.requirements.map((r) => [r.field, r.operator, r.value])).toEqual([["x.y", "=", "p,q"], ["metadata.name", "!=", "b"]]);
  });
});
