// Type-checks every area with its own tsconfig (design: one tsconfig per area), in one process each.
// An area with no files yet (TS18003) is reported and skipped; any other error fails.
import { spawnSync } from "node:child_process";

const projects = [".", "src", "site", "site/runner", "test", "bench", "server"];
let failed = false;
for (const project of projects) {
  const r = spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", project], { encoding: "utf8" });
  const out = `${r.stdout}${r.stderr}`;
  if (r.status === 0) {
    console.log(`typecheck ${project}: ok`);
  } else if (/TS18003/.test(out) && out.trim().split("\n").length <= 3) {
    console.log(`typecheck ${project}: no files yet`);
  } else {
    failed = true;
    console.log(`typecheck ${project}: FAILED\n${out}`);
  }
}
process.exit(failed ? 1 : 0);
