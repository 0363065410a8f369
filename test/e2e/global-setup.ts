/**
 * Serves the production build (dist/) on 127.0.0.1 for the browser tests and tells them where.
 * `npm run test:e2e` builds first; running this without dist/ fails with a clear message.
 */
import { existsSync } from "node:fs";
import { preview, type PreviewServer } from "vite";
import type { TestProject } from "vitest/node";

let server: PreviewServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  if (!existsSync("dist/index.html")) throw new Error("dist/ is missing: run `npm run build` first (npm run test:e2e does)");
  server = await preview({ preview: { host: "127.0.0.1", port: 0, strictPort: false }, logLevel: "warn" });
  const address = server.httpServer.address();
  if (address === null || typeof address === "string") throw new Error("preview server has no TCP address");
  project.provide("baseURL", `http://127.0.0.1:${address.port}/`);
}

export async function teardown(): Promise<void> {
  if (server === undefined) return;
  const http = server.httpServer as { closeAllConnections?: () => void };
  http.closeAllConnections?.();
  await server.close();
}

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}
