/**
 * Vite plugin: sends the app's security headers (site/csp.ts: the CSP with frame-ancestors, X-Frame-Options,
 * nosniff) on every response of `vite preview` (`npm start`, `npm run preview`, the browser tests).
 * The dev server keeps only the <meta> policy (its HMR client needs more than the built app).
 */
import type { Plugin } from "vite";
import { SECURITY_HEADERS } from "../site/csp.ts";

export default function csp(): Plugin {
  return {
    name: "informer-playground:csp",
    configurePreviewServer(server) {
      server.middlewares.use((_req, res, next) => {
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
        next();
      });
    },
  };
}
