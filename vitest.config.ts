import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit, conformance and lesson tests run in Node. Browser tests (test/e2e/**/*.e2e.ts) are not
// vitest files: `npm run test:e2e` drives Debian's Chromium through playwright-core.
export default defineConfig({
  resolve: {
    alias: { playground: fileURLToPath(new URL("./src/playground.ts", import.meta.url)) },
  },
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
  },
});
