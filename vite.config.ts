import { defineConfig } from "vite";
import lessons from "./tools/vite-plugin-lessons.ts";
import csp from "./tools/vite-plugin-csp.ts";

// Static build: everything (Monaco, its workers, the lessons) is bundled; nothing loads from the network.
export default defineConfig({
  base: "./",
  plugins: [lessons(), csp()],
  build: { target: "es2022", chunkSizeWarningLimit: 8000, sourcemap: false },
  worker: { format: "es" },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1", port: 4173, strictPort: true },
});
