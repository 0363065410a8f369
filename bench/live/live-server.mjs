// What the live benches share (run-live.mjs, profile-live.mjs, apply-live.mjs): `npm run live --embedded`
// started as a child seeded with N pods, and the page's long-task recorder.
//
// Contract:
// - startLive(pods) resolves once the child has printed both the page URL (`Open …/#/live`) and the
//   embedded cluster's address (`→ …`), with { url, cluster, stop }; `stop()` ends the child. It rejects
//   with the child's output if the child exits first.
// - recordLongTasks(page) must run before the page loads: every `longtask` entry from then on is kept in
//   `window.__long` as { start, ms } (page time, wall duration).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

export function startLive(pods) {
  const child = spawn(process.execPath, [`${root}server/live/run.mjs`, "--embedded", "--port", "0", "--seed-pods", String(pods)], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (b) => {
      out += b.toString();
      const url = /Open (http:\/\/127\.0\.0\.1:\d+)\/#\/live/.exec(out)?.[1];
      const cluster = /→ (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (url && cluster) resolve({ url, cluster, stop: () => child.kill("SIGTERM") });
    });
    child.once("exit", (code) => reject(new Error(`npm run live exited (${code}):\n${out}`)));
  });
}

export function recordLongTasks(page) {
  return page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push({ start: e.startTime, ms: e.duration }); }).observe({ type: "longtask", buffered: true });
  });
}
