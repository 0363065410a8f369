import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The client-go oracle (`npm run test:oracle`): Go programs built against the pinned
// k8s.io/client-go of test/oracle/go.mod, run beside our engine. Files are *.oracle.ts so that
// `npm test` (test/**/*.test.ts) does not need Go. One file at a time: the Go builds and the
// real-time cluster runs share the machine's two cores.
export default defineConfig({
  resolve: {
    alias: { playground: fileURLToPath(new URL("./src/playground.ts", import.meta.url)) },
  },
  test: {
    environment: "node",
    include: ["test/oracle/**/*.oracle.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 30 * 60_000,
  },
});
