// `npm run live`: bundles server/live/live.ts (and the src/ it imports) for Node with Vite, then runs it.
// The bundle goes to .cluster/live-build (gitignored); arguments after `--` pass through.
import { build } from "vite";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
await build({
  root, configFile: false, logLevel: "warn",
  build: {
    ssr: "server/live/live.ts", outDir: ".cluster/live-build", emptyOutDir: true, target: "node20", minify: false,
    rollupOptions: { output: { entryFileNames: "live.mjs" } },
  },
});
process.chdir(root);
await import(pathToFileURL(`${root}.cluster/live-build/live.mjs`).href);
