/**
 * Issue 20 item 4: a lesson whose scenario partitions the network says which kind of partition it shows
 * — "connection refused" (every request fails at once; the Reflector retries the watch) or a timeout
 * (requests hang; after 45 s the HTTP/2 health check drops the connection: the watch ends with a 500 and
 * the Reflector relists; a LIST that fails — its dial times out — calls the watch error handler) — in
 * both languages, since the two behave differently in client-go (test/conformance/fidelity/
 * timeout-partition.test.ts has the steps).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const LESSONS = resolve(__dirname, "../../lessons");
const partitioned = readdirSync(LESSONS)
  .filter((n) => /^\d\d-[a-z0-9-]+$/.test(n) && existsSync(join(LESSONS, n, "scenario.ts")))
  .filter((n) => /fault: "partition"/.test(readFileSync(join(LESSONS, n, "scenario.ts"), "utf8")))
  .sort();

describe("lessons that partition the network say which kind", () => {
  it("finds the lessons with a partition", () => expect(partitioned.length).toBeGreaterThanOrEqual(5));
  it.each(partitioned)("%s", (id) => {
    const timeout = /mode: "timeout"/.test(readFileSync(join(LESSONS, id, "scenario.ts"), "utf8"));
    const en = readFileSync(join(LESSONS, id, "lesson.md"), "utf8");
    const zh = readFileSync(join(LESSONS, id, "lesson.zh-CN.md"), "utf8");
    expect(en, `lessons/${id}/lesson.md: name the partition's kind`).toMatch(timeout ? /time(s|d)? ?out/i : /connection refused|refused/i);
    expect(zh, `lessons/${id}/lesson.zh-CN.md: 说明是哪种网络分区`).toMatch(timeout ? /超时/ : /拒绝连接|连接被拒绝/);
  });
});
