import { defineConfig } from "vitest/config";

// The differential server suite (opt-in): test/realapi/**/*.realapi.ts, run by `npm run test:realapi`.
// It starts (or attaches to) a real kube-apiserver + etcd built by tools/real-apiserver/build.sh and the
// simulated cluster (`npm run cluster`); see the README, "A real kube-apiserver as the oracle".
export default defineConfig({
  test: {
    environment: "node",
    include: ["test/realapi/**/*.realapi.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
