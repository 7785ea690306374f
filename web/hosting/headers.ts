/**
 * The `_headers` file Cloudflare's Workers static assets serve with every page of the web app: a
 * Content-Security-Policy that lets the app talk only to itself and the Supabase project (auth and
 * functions/api), and the usual hardening headers. Written into `dist/` by the Vite build
 * (vite.config.ts), so each environment's build names its own Supabase project (VITE_SUPABASE_URL).
 */
export function securityHeaders(supabaseUrl: string | undefined): string {
  // Without a Supabase URL the app talks to its own origin (src/platform/config.ts), and so does the policy.
  const supabase = supabaseUrl ? ` ${new URL(supabaseUrl).origin}` : "";
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // Styles only: inline style attributes stay allowed until a browser test runs the production build
    // under this policy (scripts never are).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${supabase}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
  return [
    "/*",
    `  Content-Security-Policy: ${csp}`,
    "  Strict-Transport-Security: max-age=31536000; includeSubDomains",
    "  X-Content-Type-Options: nosniff",
    "  X-Frame-Options: DENY",
    "  Referrer-Policy: strict-origin-when-cross-origin",
    "  Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=()",
    "  Cross-Origin-Opener-Policy: same-origin",
    "/assets/*",
    "  Cache-Control: public, max-age=31536000, immutable",
    "",
  ].join("\n");
}
