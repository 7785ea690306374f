/**
 * The web app's security headers, owned here once: the production deploy serves them from `_headers` (Cloudflare's
 * Workers static assets; written into `dist/` by the Vite build, vite.config.ts), and Vite's dev and preview servers
 * send the same ones (hosting/serve-headers.ts). The Content-Security-Policy lets the app talk only to itself and
 * the Supabase project (auth and functions/api); each environment's build names its own (VITE_SUPABASE_URL).
 */

/** The policy. `devScriptHashes`: only Vite's dev server passes these (its React refresh preamble, inline). */
export function contentSecurityPolicy(
  supabaseUrl: string | undefined,
  devScriptHashes: string[] = [],
): string {
  // Without a Supabase URL the app talks to its own origin (src/platform/config.ts), and so does the policy.
  const supabase = supabaseUrl ? ` ${new URL(supabaseUrl).origin}` : "";
  const hashes = devScriptHashes.map((hash) => ` '${hash}'`).join("");
  return [
    "default-src 'self'",
    `script-src 'self'${hashes}`,
    // Styles only: React's style attributes and uPlot's inline styles (scripts never are).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${supabase}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** Every page's headers, in the order `_headers` lists them. */
export function securityHeaderEntries(csp: string): [name: string, value: string][] {
  return [
    ["Content-Security-Policy", csp],
    ["Strict-Transport-Security", "max-age=31536000; includeSubDomains"],
    ["X-Content-Type-Options", "nosniff"],
    ["X-Frame-Options", "DENY"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
  ];
}

/** The `_headers` file of the production build. */
export function securityHeaders(supabaseUrl: string | undefined): string {
  return [
    "/*",
    ...securityHeaderEntries(contentSecurityPolicy(supabaseUrl)).map(
      ([name, value]) => `  ${name}: ${value}`,
    ),
    "/assets/*",
    "  Cache-Control: public, max-age=31536000, immutable",
    "",
  ].join("\n");
}
