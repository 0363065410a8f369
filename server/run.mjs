// `npm run cluster`: bundles server/cluster.ts (and the src/ it imports) for Node with Vite, then runs it.
// The bundle goes to .cluster/build (gitignored); arguments after `--` pass through.
import { build } from "vite";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
await build({
  root, configFile: false, logLevel: "warn",
  build: {
    ssr: "server/cluster.ts", outDir: ".cluster/build", emptyOutDir: true, target: "node20", minify: false,
    rollupOptions: { output: { entryFileNames: "cluster.mjs" } },
  },
});
await import(pathToFileURL(`${root}.cluster/build/cluster.mjs`).href);
