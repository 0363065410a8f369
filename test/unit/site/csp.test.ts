/** The page's <meta> policy is site/csp.ts's PAGE_CSP, and the header adds frame-ancestors. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HEADER_CSP, PAGE_CSP, SECURITY_HEADERS } from "../../../site/csp";

describe("CSP", () => {
  it("index.html's meta policy is PAGE_CSP", () => {
    const html = readFileSync("index.html", "utf8");
    const m = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(m?.[1]).toBe(PAGE_CSP);
  });
  it("the header forbids framing and eval, and allows no other origin", () => {
    expect(HEADER_CSP).toContain("frame-ancestors 'none'");
    expect(SECURITY_HEADERS["Content-Security-Policy"]).toBe(HEADER_CSP);
    expect(HEADER_CSP).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(HEADER_CSP).toContain("connect-src 'self'");
  });
});
