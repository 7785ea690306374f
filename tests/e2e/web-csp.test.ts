/// <reference lib="dom" />
// Page functions below run in the browser, hence the DOM types.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { contentSecurityPolicy } from "../../web/hosting/headers.ts";
import { eventually } from "../support/kit.ts";
import {
  type Browser,
  collectPolicyViolations,
  openBrowser,
  type PolicyViolation,
  signIn,
} from "./web-browser.ts";

/**
 * Issue 21: the web app is served with the production Content-Security-Policy (web/hosting/headers.ts) by
 * Vite's dev server too — the stack's web app — and its main pages run under it without one violation.
 */
const { urls, env } = inject("stack");
const password = env.SEED_USER_PASSWORD ?? "ultaura-demo-password";

const settled = async (browser: Browser) => {
  await browser.page.waitForLoadState("networkidle");
  await browser.page.waitForFunction(() => document.querySelectorAll("[aria-busy='true']").length === 0);
};

describe("the web app under its Content-Security-Policy", () => {
  let browser: Browser;
  let violations: PolicyViolation[];
  beforeAll(async () => {
    browser = await openBrowser();
    violations = await collectPolicyViolations(browser.context);
  });
  afterAll(() => browser?.close());

  it("is served with the production policy (plus, in dev only, the hashes of Vite's inline preamble)", async () => {
    const response = await browser.page.goto(`${urls.web}/sign-in`);
    const csp = response?.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
    expect(csp.replace(/ 'sha256-[A-Za-z0-9+/=]+'/g, "")).toBe(contentSecurityPolicy(undefined));
  });

  it("walks the pages before and after sign-in with no violation reported", async () => {
    const { page } = browser;
    for (const [path, heading] of [
      ["/sign-in", "Sign in"],
      ["/sign-up", "Create your account"],
    ] as const) {
      await page.goto(`${urls.web}${path}`);
      await page.getByRole("heading", { name: heading }).waitFor();
    }
    await signIn(page, urls.web, SEED.users.demo.email, password);
    const pages: [string, string][] = [
      ["/", "Your family"],
      [`/lines/${SEED.lines.rose}`, "Rose"],
      [`/lines/${SEED.lines.rose}/schedules`, "Call times"],
      [`/lines/${SEED.lines.rose}/contacts`, "Trusted contacts"],
      [`/lines/${SEED.lines.rose}/memories`, "What Ultaura remembers"],
      ["/activity", "Calls"],
      ["/alerts", "Alerts"],
      ["/billing", "Usage and billing"],
      ["/account", "Account"],
    ];
    for (const [path, heading] of pages) {
      await page.goto(`${urls.web}${path}`);
      await page.getByRole("heading", { name: heading, exact: true }).first().waitFor();
      await settled(browser);
    }
    // The dashboard's chart and the billing page's canvas ran too; the list of violations stays empty.
    expect(violations).toEqual([]);
  });

  it("does report a violation when something breaks the policy (the check can fail)", async () => {
    const { page } = browser;
    await page.goto(`${urls.web}/sign-in`);
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.inlineRan = true";
      document.body.append(script);
    });
    // The report arrives through the binding after the event fires.
    await eventually(() => violations.some((v) => v.directive === "script-src-elem"));
    expect(await page.evaluate(() => "inlineRan" in window)).toBe(false);
  });
});
