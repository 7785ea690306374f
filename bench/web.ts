/**
 * The web app's weight as a visitor's browser sees it: a production build (Vite, into a scratch folder),
 * then the JavaScript loaded before the first page can render (the entry and its static imports,
 * gzipped) and the largest chunk loaded later for one route. Budget: initial JavaScript < 200 KB gzipped.
 * With DATABASE_URL naming a scale seed (`npm run seed:scale`), also the dashboard, activity and line
 * page of a family with a year of history on a mid-range phone profile (bench/web-phone.ts): Largest
 * Contentful Paint (budget 2.5 s) and total blocking time.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";
import { loadLocalEnv } from "../scripts/env-file.ts";
import { phoneLoads } from "./web-phone.ts";

interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  css?: string[];
}

const BUDGET_KB = 200;
const LCP_BUDGET_MS = 2500;
const repo = new URL("..", import.meta.url).pathname;
const root = new URL("../web", import.meta.url).pathname;
const env = loadLocalEnv(repo, {});
// The build served to the phone talks to its own origin (vite preview proxies auth and functions).
process.env.VITE_SUPABASE_ANON_KEY ??= env.SUPABASE_ANON_KEY ?? "";
const outDir = mkdtempSync(join(tmpdir(), "ultaura-web-bench-"));
try {
  await build({
    root,
    logLevel: "error",
    build: { outDir, emptyOutDir: true, manifest: "manifest.json" },
  });
  const manifest = JSON.parse(readFileSync(join(outDir, "manifest.json"), "utf8")) as Record<
    string,
    ManifestChunk
  >;
  const gz = (file: string) => gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length;
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);

  /** A chunk and everything it imports statically: what must load before it runs. */
  const closure = (key: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(key)) return seen;
    seen.add(key);
    for (const dep of manifest[key]?.imports ?? []) closure(dep, seen);
    return seen;
  };
  const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entryKey) throw new Error("the build has no entry chunk");
  const initial = closure(entryKey);
  const initialJs = [...initial].reduce((sum, k) => sum + gz((manifest[k] as ManifestChunk).file), 0);
  const initialCss = [...initial]
    .flatMap((k) => manifest[k]?.css ?? [])
    .reduce((sum, file) => sum + gz(file), 0);

  const routes = Object.entries(manifest)
    .filter(([, chunk]) => chunk.isDynamicEntry)
    .map(([key, chunk]) => {
      const extra = [...closure(key)].filter((k) => !initial.has(k));
      const total = extra.reduce((sum, k) => sum + gz((manifest[k] as ManifestChunk).file), 0);
      return { name: chunk.name ?? key, own: gz(chunk.file), total };
    })
    .sort((a, b) => b.total - a.total);

  console.log(
    `initial JavaScript: ${kb(initialJs)} KB gzipped (${initial.size} chunks), CSS ${kb(initialCss)} KB gzipped`,
  );
  console.log(`budget: ${BUDGET_KB} KB — ${initialJs / 1024 < BUDGET_KB ? "within" : "OVER"}`);
  const [largest] = routes;
  if (largest)
    console.log(
      `largest route chunk: ${largest.name} ${kb(largest.own)} KB gzipped, ${kb(largest.total)} KB with what it loads beyond the initial JavaScript`,
    );
  for (const r of routes.slice(0, 8))
    console.log(`  ${r.name.padEnd(14)} ${kb(r.own).padStart(6)} KB  (+deps ${kb(r.total)} KB)`);
  if (initialJs / 1024 >= BUDGET_KB) process.exitCode = 1;

  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.log("phone profile: skipped (set DATABASE_URL to a scale seed to load pages of a family)");
  } else {
    console.log("phone profile (4× CPU slowdown, slow 4G, no cache), a family with a year of history:");
    for (const r of await phoneLoads({ root: repo, outDir, env, databaseUrl })) {
      console.log(
        `  ${r.page.padEnd(10)} LCP ${r.lcpMs ?? "none"} ms (${r.lcpMs !== null && r.lcpMs < LCP_BUDGET_MS ? "within" : "OVER"} ${LCP_BUDGET_MS} ms)  ` +
          `total blocking time ${r.tbtMs} ms (${r.longTasks} long tasks), ${r.apiRequests} API requests`,
      );
      console.log(`    largest paint: ${r.lcpElement || "(none)"}`);
      console.log(`    fetched (ms from navigation): ${r.waterfall.join(", ")}`);
    }
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
