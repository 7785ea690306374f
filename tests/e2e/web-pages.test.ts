/// <reference lib="dom" />
// Page functions below run in the browser, hence the DOM types.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import {
  type Browser,
  inBrowser,
  openBrowser,
  PHONE,
  screenshots,
  scrollsSideways,
  seriousViolations,
  signIn,
} from "./web-browser.ts";

const { urls, env } = inject("stack");
const password = env.SEED_USER_PASSWORD ?? "ultaura-demo-password";

describe("the family web app, signed in as the seeded demo family", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
    await signIn(browser.page, urls.web, SEED.users.demo.email, password);
  });
  afterAll(() => browser?.close());

  it("shows Rose's next call and the minutes left on the dashboard", async () => {
    const { page } = browser;
    await page.goto(`${urls.web}/`);
    const rose = page.getByTestId("line-card").filter({ hasText: "Rose" });
    await rose.waitFor();
    // Rose's daily 10:00 call, in Los Angeles time, with the viewer's (New York) time beside it.
    await rose.getByTestId("next-call").filter({ hasText: "10:00 AM in Los Angeles" }).waitFor();
    expect(await rose.getByTestId("next-call").textContent()).toMatch(/1:00 PM your time/);
    const minutes = await page.getByTestId("minutes-left").textContent();
    expect(minutes).toMatch(/\d+ minutes left of 20/);
  });

  it('answers a stranger\'s line with "not found"', async () => {
    const { page } = browser;
    await page.goto(`${urls.web}/lines/${SEED.lines.paid}`);
    await page.getByRole("heading", { name: "Not found" }).waitFor();
    expect(await page.getByText("Maria").count()).toBe(0);
  });

  it("shows a 404 page for an unknown address", async () => {
    const { page } = browser;
    await page.goto(`${urls.web}/no-such-page`);
    await page.getByRole("heading", { name: "Not found" }).waitFor();
  });

  it('shows the section\'s error with "Try again" when the API fails, and recovers', async () => {
    const { page } = browser;
    // The list is read page by page (`?limit=…`): match the path, whatever the query.
    const linesList = (url: URL) => url.pathname.endsWith("/functions/v1/api/lines");
    await page.route(linesList, (route) =>
      route.fulfill({
        status: 500,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "internal", message: "Something went wrong on our side." } }),
      }),
    );
    await page.goto(`${urls.web}/`);
    const failed = page.getByRole("alert").filter({ hasText: "Your loved ones couldn't load" });
    await failed.waitFor();
    expect(await failed.textContent()).toContain("Something went wrong on our side.");
    // The rest of the page still works: the minutes banner is there.
    await page.getByTestId("minutes-left").waitFor();
    await page.unroute(linesList);
    await failed.getByRole("button", { name: "Try again" }).click();
    await page.getByTestId("line-card").filter({ hasText: "Rose" }).waitFor();
  });

  const mainPages: [string, string, string][] = [
    ["dashboard", "/", "Your family"],
    ["line", `/lines/${SEED.lines.rose}`, "Rose"],
    ["schedules", `/lines/${SEED.lines.rose}/schedules`, "Call times"],
    ["contacts", `/lines/${SEED.lines.rose}/contacts`, "Trusted contacts"],
    ["memories", `/lines/${SEED.lines.rose}/memories`, "What Ultaura remembers"],
    ["activity", "/activity", "Calls"],
    ["alerts", "/alerts", "Alerts"],
    ["billing", "/billing", "Usage and billing"],
    ["account", "/account", "Account"],
  ];
  it.each(mainPages)(
    "the %s page has no serious accessibility violations, fits a phone, and is photographed",
    async (name, path, heading) => {
      const { page } = browser;
      await page.goto(`${urls.web}${path}`);
      await page.getByRole("heading", { name: heading, exact: true }).first().waitFor();
      await page.waitForLoadState("networkidle");
      await page.waitForFunction(() => document.querySelectorAll("[aria-busy='true']").length === 0);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshots(page, name);
      await page.setViewportSize(PHONE);
      expect(await scrollsSideways(page)).toBe(false);
      await page.setViewportSize({ width: 1280, height: 860 });
    },
  );
});

describe("usage and billing for a family on a paid plan", () => {
  it("charts this cycle's minutes per day and offers the Stripe portal", () =>
    inBrowser("billing-paid", async (page) => {
      await signIn(page, urls.web, SEED.users.paid.email, password);
      await page.goto(`${urls.web}/billing`);
      // 195 of 200 minutes seeded; calls by other tests on this stack may have added a few.
      await page
        .getByTestId("usage-summary")
        .filter({ hasText: /^\d+ used · \d+ left of 200$/ })
        .waitFor();
      await page.locator(".chart canvas").waitFor();
      await page.getByRole("button", { name: "Manage billing, card and invoices" }).waitFor();
      await page.getByLabel("Monthly spending limit for extra minutes").waitFor();
      // The plans on offer come from the database's catalogue, without the plan the family is on.
      const plans = page.getByRole("list", { name: "Plans" }).getByRole("heading");
      await plans.first().waitFor();
      expect(await plans.allTextContents()).toEqual(["Comfort", "Family"]);
      await page.getByText("$49 a month").waitFor();
      await page.waitForFunction(() => document.querySelectorAll("[aria-busy='true']").length === 0);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshots(page, "billing-paid");
    }));
});

describe("pages before sign-in", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(() => browser?.close());

  it.each([
    ["sign-in", "/sign-in", "Sign in"],
    ["sign-up", "/sign-up", "Create your account"],
  ])("the %s page has no serious accessibility violations", async (name, path, heading) => {
    const { page } = browser;
    await page.goto(`${urls.web}${path}`);
    await page.getByRole("heading", { name: heading }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, name);
  });

  it("sends a signed-out visitor to sign in, then back where they were going", async () => {
    const { page } = browser;
    await page.goto(`${urls.web}/activity`);
    await page.waitForURL(/\/sign-in$/);
    await page.getByLabel("E-mail").fill(SEED.users.demo.email);
    await page.getByLabel("Password").fill(`${password}-wrong`);
    await page.getByRole("button", { name: "Sign in" }).click();
    // Decided on the auth error's code (invalid_credentials), not its message.
    await page
      .getByRole("alert")
      .getByText("That e-mail and password don't match. Please try again.")
      .waitFor();
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/activity$/);
  });

  it("keeps the local stack's status page at /status", async () => {
    const { page } = browser;
    await page.goto(`${urls.web}/status`);
    await page.locator("tr[data-component='function-api'] td.up").waitFor();
    // Each function's dependency checks are listed with their latency.
    await page.locator("tr[data-component='function-api'] li[data-check='database'].up").waitFor();
    await page
      .locator("tr[data-component='function-twilio'] li[data-check='twilioCredentials'].up")
      .waitFor();
  });
});
