/// <reference lib="dom" />
// The page functions below run in the browser, hence the DOM types.
import type { CDPSession, Page } from "playwright-core";
import postgres from "postgres";
import { preview } from "vite";
import { openBrowser, PHONE, signIn } from "../tests/e2e/web-browser.ts";
import { startFunctions } from "./functions-process.ts";
import { migrateScaleDatabase } from "./scale-database.ts";

/**
 * The web app on a mid-range phone: the production build served by `vite preview` (which proxies
 * /auth/v1 and /functions to the functions, as the dev server does), the functions on Deno against a
 * scale seed, and Chromium with a phone viewport, the CPU slowed 4× (CDP Emulation.setCPUThrottlingRate)
 * and Lighthouse's "slow 4G" (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up; CDP
 * Network.emulateNetworkConditions), the cache disabled so every page is a first visit. Signed in as the
 * owner of scale family 1, it loads the dashboard, the call activity and the first line's page and reads
 * Largest Contentful Paint and total blocking time (the part of each long task over 50 ms, from the
 * navigation until the page is idle) from the page's own PerformanceObserver.
 */
export interface PhoneResult {
  page: string;
  lcpMs: number | null;
  tbtMs: number;
  longTasks: number;
  /** Requests to the functions (auth and api) the page made while loading. */
  apiRequests: number;
  /** The element whose paint was the largest, and what the page fetched when (ms from navigation). */
  lcpElement: string;
  waterfall: string[];
}

const PERF_OBSERVER = () => {
  const w = window as unknown as {
    __perf: { lcp: number | null; lcpElement: string; longTasks: number[] };
  };
  w.__perf = { lcp: null, lcpElement: "", longTasks: [] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      w.__perf.lcp = entry.startTime;
      const element = (entry as PerformanceEntry & { element?: Element | null }).element;
      w.__perf.lcpElement = element
        ? `<${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(" ")[0]}` : ""}> "${(element.textContent ?? "").slice(0, 40)}"`
        : "";
    }
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__perf.longTasks.push(entry.duration);
  }).observe({ type: "longtask", buffered: true });
};

export async function phoneLoads(options: {
  root: string;
  outDir: string;
  env: Record<string, string>;
  databaseUrl: string;
}): Promise<PhoneResult[]> {
  const { root, outDir, env, databaseUrl } = options;
  await migrateScaleDatabase(databaseUrl);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const functions = await startFunctions(root, env, databaseUrl);
  process.env.FUNCTIONS_PORT = String(functions.port);
  const server = await preview({
    root: `${root}/web`,
    logLevel: "error",
    build: { outDir },
    preview: { port: 0, host: "127.0.0.1", strictPort: false },
  });
  const browser = await openBrowser(PHONE);
  try {
    const [family] = await sql<{ email: string; line_id: string }[]>`
      select u.email, l.id as line_id from public.ultaura_accounts a
      join public.ultaura_account_members m on m.account_id = a.id and m.role = 'owner'
      join auth.users u on u.id = m.user_id
      join public.ultaura_lines l on l.account_id = a.id
      where a.name = 'Scale family 1' order by l.created_at, l.id limit 1`;
    if (!family) throw new Error("no scale family 1 in DATABASE_URL: run npm run seed:scale first");
    const webUrl = server.resolvedUrls?.local[0]?.replace(/\/$/, "");
    if (!webUrl) throw new Error("vite preview has no URL");
    const { page, context } = browser;
    await page.addInitScript(PERF_OBSERVER);
    await signIn(page, webUrl, family.email, env.SEED_USER_PASSWORD ?? "ultaura-demo-password");
    // Sign-in lands on the dashboard: its requests finish before the first page is measured and counted.
    await page.waitForLoadState("networkidle");
    const cdp = await context.newCDPSession(page);
    await throttle(cdp);
    const results: PhoneResult[] = [];
    for (const [name, path] of [
      ["dashboard", "/"],
      ["activity", "/activity"],
      ["line page", `/lines/${family.line_id}`],
    ] as const) {
      results.push({ page: name, ...(await measure(page, `${webUrl}${path}`)) });
    }
    return results;
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    functions.stop();
    await sql.end({ timeout: 5 });
  }
}

async function throttle(cdp: CDPSession) {
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
}

async function measure(page: Page, url: string) {
  let apiRequests = 0;
  const count = (request: { url(): string }) => {
    if (/\/(functions|auth)\/v1\//.test(request.url())) apiRequests++;
  };
  page.on("request", count);
  await page.goto(url, { waitUntil: "networkidle", timeout: 60_000 });
  // The page's main heading is rendered once its data arrived (the pages suspend until then).
  await page.locator("main h1").first().waitFor({ timeout: 60_000 });
  const perf = await page.evaluate(
    () =>
      (window as unknown as { __perf: { lcp: number | null; lcpElement: string; longTasks: number[] } })
        .__perf,
  );
  // What the page waited for: the document, its scripts and the API, each as [start, end] ms.
  const waterfall = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((e) => {
        const r = e as PerformanceResourceTiming;
        const path = new URL(r.name).pathname.replace(/^\/functions\/v1\/api/, "").replace(/^\/assets\//, "");
        return `${path.replace(/[0-9a-f-]{36}/g, ":id")} ${Math.round(r.startTime)}–${Math.round(r.responseEnd)}`;
      })
      .concat([
        `document ${Math.round((performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).responseEnd)}`,
      ]),
  );
  page.off("request", count);
  return {
    apiRequests,
    lcpElement: perf.lcpElement,
    waterfall,
    lcpMs: perf.lcp === null ? null : Math.round(perf.lcp),
    tbtMs: Math.round(perf.longTasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0)),
    longTasks: perf.longTasks.length,
  };
}
