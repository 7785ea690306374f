/// <reference lib="dom" />
// Page functions below run in the browser, hence the DOM types.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build, type PreviewServer, preview } from "vite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { contentSecurityPolicy } from "../../web/hosting/headers.ts";
import { collectPolicyViolations, inBrowser, signIn } from "./web-browser.ts";

/**
 * Issue 21, the deployed shape: the web app built for a Supabase project on another origin (VITE_SUPABASE_URL
 * = the stack's functions gateway) and served by `vite preview` on its own origin, as Cloudflare serves it.
 * Every API call is a cross-origin request with a CORS preflight; the spending cap's PUT (65fb4e4) goes
 * through, under the production Content-Security-Policy, with no violation.
 */
const { urls, env } = inject("stack");
const webOrigin = inject("crossOriginWeb");
const apiOrigin = new URL(urls.functions).origin;
const password = env.SEED_USER_PASSWORD ?? "ultaura-demo-password";
const root = resolve(import.meta.dirname, "../../web");
const configFile = join(root, "vite.config.ts");

let server: PreviewServer | undefined;
let outDir = "";

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "ultaura-web-cross-origin-"));
  const saved = { url: process.env.VITE_SUPABASE_URL, key: process.env.VITE_SUPABASE_ANON_KEY };
  process.env.VITE_SUPABASE_URL = apiOrigin;
  process.env.VITE_SUPABASE_ANON_KEY = env.SUPABASE_ANON_KEY ?? "";
  try {
    await build({ root, configFile, logLevel: "error", build: { outDir, emptyOutDir: true } });
    server = await preview({
      root,
      configFile,
      logLevel: "warn",
      build: { outDir },
      preview: { host: "127.0.0.1", port: Number(new URL(webOrigin).port), strictPort: true },
    });
  } finally {
    for (const [name, value] of [
      ["VITE_SUPABASE_URL", saved.url],
      ["VITE_SUPABASE_ANON_KEY", saved.key],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
});

afterAll(async () => {
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe("the web app on its own origin, the API on another", () => {
  it("sets the spending cap through a cross-origin PUT, under the production policy", () =>
    inBrowser("cross-origin-spending-cap", async (page) => {
      expect(webOrigin).not.toBe(apiOrigin);
      const violations = await collectPolicyViolations(page.context());
      const first = await page.goto(`${webOrigin}/sign-in`);
      // Exactly the policy of the production `_headers` for this build, no dev additions.
      expect(first?.headers()["content-security-policy"]).toBe(contentSecurityPolicy(apiOrigin));

      await signIn(page, webOrigin, SEED.users.paid.email, password);
      await page.goto(`${webOrigin}/billing`);
      const limit = page.getByLabel("Monthly spending limit for extra minutes");
      await limit.waitFor();
      const before = await limit.inputValue();

      const save = async (value: string, words: string) => {
        await limit.selectOption(value);
        const [put] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === "PUT" && r.url().startsWith(apiOrigin)),
          page.getByRole("button", { name: "Save limit" }).click(),
        ]);
        expect(put.status()).toBe(200);
        expect(new URL(put.url()).pathname).toBe("/functions/v1/api/billing/spending-cap");
        expect(await put.request().headerValue("origin")).toBe(webOrigin);
        expect(await put.headerValue("access-control-allow-origin")).toBe(webOrigin);
        await page.getByText(`Spending limit saved: ${words}.`).waitFor();
      };
      await save("2500", "$25 a month");
      await page.reload();
      await page.getByText("Limit: $25 a month — calls pause when it is reached.").waitFor();
      expect(await limit.inputValue()).toBe("2500");

      // Back to what the seed had, for the other tests on this stack.
      await save(before, before === "" ? "No limit" : `$${Number(before) / 100} a month`);
      expect(violations).toEqual([]);
    }));
});
