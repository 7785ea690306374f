import { createHash } from "node:crypto";
import type { Connect, Plugin, ViteDevServer } from "vite";
import { contentSecurityPolicy, securityHeaderEntries, securityHeaders } from "./headers.ts";

/**
 * The security headers wherever the app is served: `_headers` in the build output for Cloudflare
 * (web/wrangler.toml), and on every response of Vite's preview and dev servers, so a page that breaks the
 * policy breaks locally and in the browser tests too. The dev server alone also allows, by hash, the inline
 * scripts Vite writes into its index.html (the React refresh preamble), which no build contains.
 */
export function hostingHeaders(): Plugin {
  // What the app's own `import.meta.env` gets: the process's VITE_ variables and the .env files, read once.
  let supabaseUrl: string | undefined;
  return {
    name: "ultaura-hosting-headers",
    configResolved(config) {
      supabaseUrl = (config.env.VITE_SUPABASE_URL as string | undefined) || undefined;
    },
    generateBundle() {
      this.emitFile({ type: "asset", fileName: "_headers", source: securityHeaders(supabaseUrl) });
    },
    configurePreviewServer(server) {
      server.middlewares.use(sendHeaders(() => Promise.resolve(contentSecurityPolicy(supabaseUrl))));
    },
    configureServer(server) {
      let csp: Promise<string> | undefined;
      const devPolicy = () => {
        csp ??= devScriptHashes(server).then((hashes) => contentSecurityPolicy(supabaseUrl, hashes));
        return csp;
      };
      server.middlewares.use(sendHeaders(devPolicy));
    },
  };
}

function sendHeaders(policy: () => Promise<string>): Connect.NextHandleFunction {
  return (_req, res, next) => {
    policy().then(
      (csp) => {
        for (const [name, value] of securityHeaderEntries(csp)) res.setHeader(name, value);
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

/** sha256 sources for the inline scripts of the index.html the dev server sends. */
async function devScriptHashes(server: ViteDevServer): Promise<string[]> {
  const html = await server.transformIndexHtml("/", "<!doctype html><html><head></head><body></body></html>");
  return [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) =>
      `sha256-${createHash("sha256")
        .update(body ?? "")
        .digest("base64")}`,
  );
}
