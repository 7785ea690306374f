import { type AddressInfo, createServer } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, describe, expect, it } from "vitest";
import { mintToken, PAGES, rng, runClients, sampleVisitors, seqScans } from "../../bench/api-load.ts";
import { startTap, type TappedStatement } from "../../bench/pg-tap.ts";
import { createDatabase } from "../../functions/_shared/platform/db.ts";
import { createLogger } from "../../functions/_shared/platform/log.ts";
import { createApiApp } from "../../functions/api/app.ts";
import { scaleEmail, seedScale } from "../../scripts/db/seed-scale.ts";
import { apiTestEnv, exampleSetting, useTestDatabase } from "../support/kit.ts";

/**
 * The pieces of `npm run seed:scale` and `npm run bench api` on a three-family seed, so they cannot rot:
 * the seed's shape, and the web app's request mix answered by the api app through the wire tap.
 */
const database = useTestDatabase();
afterAll(() => database.resetData());

async function freeTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("the scale seed and the api bench's pieces", () => {
  it("seeds families shaped like real ones, with a year of history", async () => {
    await seedScale(database.url, {
      families: 3,
      seed: 7,
      chunk: 2,
      keyring: database.keyring,
      password: "pw",
    });
    const [shape] = await database.db.sql<
      { accounts: number; members: number; lines: number; calls: number; memories: number; runs: number }[]
    >`
      select
        (select count(*)::int from public.ultaura_accounts where name like 'Scale family %') as accounts,
        (select count(*)::int from auth.users where email like 'scale-7-%') as members,
        (select count(*)::int from public.ultaura_lines l join public.ultaura_accounts a on a.id = l.account_id
          where a.name like 'Scale family %') as lines,
        (select count(*)::int from public.ultaura_call_sessions where from_e164 = '+15555550199') as calls,
        (select count(*)::int from public.ultaura_memories where source_call_session_id is not null) as memories,
        (select count(*)::int from public.ultaura_schedule_runs where state = 'done') as runs`;
    expect(shape?.accounts).toBe(3);
    expect(shape?.members).toBeGreaterThanOrEqual(3);
    expect(shape?.members).toBeLessThanOrEqual(12);
    expect(shape?.lines).toBeGreaterThanOrEqual(3);
    expect(shape?.lines).toBeLessThanOrEqual(9);
    // About one call a day a line for a year (one day in twenty has none).
    expect(shape?.calls).toBeGreaterThan((shape?.lines ?? 0) * 300);
    expect(shape?.calls).toBeLessThanOrEqual((shape?.lines ?? 0) * 365);
    expect(shape?.memories).toBeGreaterThan(0);
    expect(shape?.runs).toBeGreaterThan(0);
    const [owner] = await database.db.sql`select 1 from auth.users where email = ${scaleEmail(7, 1, 1)}`;
    expect(owner).toBeDefined();
  });

  it("replays the web app's request mix through the tap with no errors", async () => {
    const statements: TappedStatement[] = [];
    const target = new URL(database.url);
    const tap = await startTap({ host: target.hostname, port: Number(target.port) }, (s) =>
      statements.push(s),
    );
    const tapped = new URL(database.url);
    tapped.port = String(tap.port);
    const db = createDatabase(tapped.toString(), { max: 3 });
    // The api on the tapped connection (useApiApp's is on the test database's own).
    const app = createApiApp({ db, log: createLogger({ fn: "api-test" }, "error"), env: apiTestEnv() });
    const port = await freeTcpPort();
    const server = serve({ port, hostname: "127.0.0.1", fetch: app.fetch });
    try {
      const random = rng(3);
      const visitors = await sampleVisitors(database.db.sql, { families: 3, count: 3, random });
      expect(visitors).toHaveLength(3);
      const tokens = await Promise.all(
        visitors.map(async (visitor) => ({
          visitor,
          token: await mintToken(exampleSetting("SUPABASE_JWT_SECRET"), visitor, "test"),
        })),
      );
      const samples = await runClients({
        baseUrl: `http://127.0.0.1:${port}/api`,
        visitors: tokens,
        concurrency: 2,
        random,
        until: (visits) => visits >= 40,
      });
      expect(samples.filter((s) => !s.ok)).toEqual([]);
      expect(new Set(samples.map((s) => s.route))).toContain("GET /lines/:id/memories");
      expect(PAGES.map((p) => p.name)).toContain("schedule edit");
      const reads = statements.filter((s) => /from public\.ultaura_call_sessions/.test(s.text));
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.every((s) => s.claims !== null && JSON.parse(s.claims).role === "authenticated")).toBe(
        true,
      );
    } finally {
      server.close();
      await db.close();
      await tap.close();
    }
  });

  it("names the relations an explain read by sequential scan", () => {
    const plan =
      "Limit\n  ->  Seq Scan on ultaura_safety_events  (cost=0..1)\n  ->  Index Scan using x on ultaura_lines";
    expect(seqScans(plan)).toEqual(["ultaura_safety_events"]);
  });
});
