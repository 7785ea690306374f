/// <reference lib="dom" />
// Page functions below run in the browser, hence the DOM types.
/**
 * Browser helpers for the web app's end-to-end tests: Debian's Chromium driven by playwright-core, one
 * fresh profile per browser, axe-core for accessibility, screenshots under tests/artifacts/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };
export const ARTIFACTS = resolve(import.meta.dirname, "../artifacts");

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A new Chromium with its own empty profile, so no session leaks between tests. */
export async function openBrowser(viewport = DESKTOP): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "ultaura-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
    timezoneId: "America/New_York",
    locale: "en-US",
  });
  context.setDefaultTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical findings on the page as it is now (WCAG 2.x A/AA rules). */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol, not added as an inline <script> the page's CSP would block.
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run({
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"] },
    });
    return result.violations;
  })) as AxeViolation[];
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** A Content-Security-Policy violation the page reported (its `securitypolicyviolation` event). */
export interface PolicyViolation {
  directive: string;
  blocked: string;
  source: string;
  page: string;
}

/**
 * Collects every `securitypolicyviolation` event of every page the context opens from now on (the listener is
 * installed before the page's own scripts run, and reports through a binding, which the policy cannot block).
 */
export async function collectPolicyViolations(context: BrowserContext): Promise<PolicyViolation[]> {
  const violations: PolicyViolation[] = [];
  await context.exposeBinding("ultauraReportViolation", (_source, violation: PolicyViolation) => {
    violations.push(violation);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { ultauraReportViolation(v: unknown): void })
        .ultauraReportViolation;
      report({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: `${event.sourceFile}:${event.lineNumber}`,
        page: location.pathname,
      });
    });
  });
  return violations;
}

/** Full-page screenshots at desktop and phone width, for a person to look at after the run. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const original = page.viewportSize() ?? DESKTOP;
  for (const [label, size] of [
    ["desktop", DESKTOP],
    ["390", PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await page.waitForLoadState("networkidle").catch(() => {});
    await page.screenshot({
      path: join(ARTIFACTS, `web-${name}-${label}.png`),
      fullPage: true,
      animations: "disabled",
    });
  }
  await page.setViewportSize(original);
}

/** At phone width nothing may scroll sideways. */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

export async function signIn(page: Page, webUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${webUrl}/sign-in`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

/**
 * Runs `steps` in a fresh browser; if they fail, logs the page's text and saves a screenshot
 * (tests/artifacts/failed-<name>.png) so the failure shows what the user saw.
 */
export async function inBrowser(name: string, steps: (page: Page) => Promise<void>, viewport = DESKTOP) {
  const browser = await openBrowser(viewport);
  try {
    await steps(browser.page);
  } catch (error) {
    const { page } = browser;
    mkdirSync(ARTIFACTS, { recursive: true });
    const text = (await page.evaluate(() => document.body.textContent).catch(() => null)) ?? "(no page)";
    console.error(`[${name}] failed at ${page.url()}\n${text.slice(0, 2_000)}`);
    await page.screenshot({ path: join(ARTIFACTS, `failed-${name}.png`), fullPage: true }).catch(() => {});
    throw error;
  } finally {
    await browser.close();
  }
}
