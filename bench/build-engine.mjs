// Bundles the engine (src/index.ts) the way the site ships it — one minified ES module — into
// bench/.build/engine.mjs, so the benchmark measures production code, configured by options only.
import { build } from "vite";
import { fileURLToPath } from "node:url";

export async function buildEngine() {
  const root = fileURLToPath(new URL("..", import.meta.url));
  await build({
    root,
    configFile: false,
    logLevel: "warn",
    build: {
      outDir: "bench/.build",
      emptyOutDir: true,
      target: "es2022",
      minify: true,
      lib: { entry: "src/index.ts", formats: ["es"], fileName: () => "engine.mjs" },
    },
  });
  return fileURLToPath(new URL("./.build/engine.mjs", import.meta.url));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await buildEngine());
}
