// The differential harness's runner and HTTP target (test/realapi) against a tiny loopback server:
// templates resolve from earlier answers, a watch's `during` steps run once its headers arrived, and
// the stop conditions (stopAfter, server close, maxMs) are recorded as such.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpTarget } from "../../realapi/target.js";
import { runScenario } from "../../realapi/runner.js";
import { get, post, watch, type Scenario } from "../../realapi/scenario.js";

let server: Server;
let base = "";
const seen: string[] = [];
let rv = 10;
const watchers = new Set<ServerResponse>();

function handle(req: IncomingMessage, res: ServerResponse): void {
  seen.push(`${req.method} ${req.url}`);
  const url = new URL(req.url ?? "/", "http://x");
  if (url.searchParams.get("watch") === "1") {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.flushHeaders();
    if (url.searchParams.get("timeoutSeconds") === "0") { res.end(); return; }
    watchers.add(res);
    req.on("close", () => watchers.delete(res));
    return;
  }
  if (req.method === "POST") {
    let body = "";
    req.on("data", (c: Buffer) => { body += c.toString(); });
    req.on("end", () => {
      const obj = JSON.parse(body) as { metadata: Record<string, string> };
      rv++;
      const stored = { ...obj, metadata: { ...obj.metadata, uid: `u-${rv}`, resourceVersion: String(rv) } };
      // Two events in one chunk: the runner must not record past stopAfter.
      for (const w of watchers) w.write(`${JSON.stringify({ type: "ADDED", object: stored })}\n${JSON.stringify({ type: "MODIFIED", object: stored })}\n`);
      res.writeHead(201, { "Content-Type": "application/json", Warning: "299 - \"test\"", "Audit-Id": "dropped" });
      res.end(JSON.stringify(stored));
    });
    return;
  }
  res.writeHead(200, { "Content-Type": "application/json" });
  res.end(JSON.stringify({ kind: "ThingList", metadata: { resourceVersion: String(rv) }, items: [] }));
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const w of watchers) w.end();
  await new Promise<void>((r) => server.close(() => r()));
});

describe("runScenario over HTTP", () => {
  it("resolves templates, runs `during` inside the watch and records how each watch ended", async () => {
    let compacted = 0;
    const target = httpTarget({ name: "t", base, compact: async () => { compacted++; } });
    const sc: Scenario = {
      name: "t", title: "t",
      steps: [
        get("list", "/things", { id: "L" }),
        watch("watch from the list RV", "/things?watch=1&resourceVersion={{L.metadata.resourceVersion}}", {
          stopAfter: 1, maxMs: 5000,
          during: [post("create a", "/things", { metadata: { name: "a", namespace: "{{ns}}" } }, { id: "a" })],
        }),
        watch("a watch the server closes", "/things?watch=1&timeoutSeconds=0", { maxMs: 5000 }),
        watch("a watch nobody writes to", "/things?watch=1&resourceVersion={{a.metadata.resourceVersion}}", { maxMs: 300 }),
        { do: "compact", note: "compact" },
        get("an unknown reference", "/things?x={{nope.metadata.name}}"),
      ],
    };
    const t = await runScenario(target, sc, { ns: "rt-t-1", run: "1" });
    expect(compacted).toBe(1);
    // Setup created the namespace (RV 11) before the list.
    expect(seen[0]).toBe("POST /api/v1/namespaces");
    expect(seen).toContain("GET /things?watch=1&resourceVersion=11");
    expect(seen).toContain("GET /things?watch=1&resourceVersion=12");
    expect(seen).toContain("GET /things?x=%3Cunresolved%20nope.metadata.name%3E");
    expect(t.map((e) => [e.step, e.end ?? null, e.events?.length ?? null])).toEqual([
      ["0", null, null], ["1", "stopped after 1 events", 1], ["2", "closed by the server", 0],
      ["3", "still open after 300 ms", 0], ["4", null, null], ["5", null, null],
    ]);
    const w = t[1];
    expect(w?.request?.path).toBe("/things?watch=1&resourceVersion={{L.metadata.resourceVersion}}");
    expect(w?.during?.[0]?.response?.status).toBe(201);
    expect(w?.during?.[0]?.response?.headers).toEqual({ "content-type": "application/json", warning: "299 - \"test\"" });
    expect((w?.events?.[0] as { type: string }).type).toBe("ADDED");
  });
});
