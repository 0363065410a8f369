import { defineConfig } from "vitest/config";

// Browser tests: test/e2e/**/*.e2e.ts, run by `npm run test:e2e` after `vite build`.
// global-setup serves dist/ on 127.0.0.1; each file drives Debian's Chromium through playwright-core.
export default defineConfig({
  test: {
    environment: "node",
    include: ["test/e2e/**/*.e2e.ts"],
    globalSetup: ["test/e2e/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
