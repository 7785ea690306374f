import { beforeAll, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { FIXTURE, insertVictimFixtures } from "../../tests/db/rls-fixtures.ts";
import { type ApiTestApp, phoneNumber, useApiApp, useTestDatabase } from "../../tests/support/kit.ts";

/**
 * A signed-in stranger (their own account, nothing shared) names the demo family's ids on every route:
 * each answer is a 404 or an empty list, and no table changes (checksums of every table before and after).
 */
const database = useTestDatabase();
let stranger: ReturnType<ApiTestApp["request"]>;
// Rate limits and Twilio are unreachable on purpose: no route may get that far for a stranger.
const api = useApiApp(database, { resetData: true });

const A = SEED.accounts.demo;
const ROSE = SEED.lines.rose;
const INTRUDER = phoneNumber();

beforeAll(async () => {
  await database.db.asService(insertVictimFixtures);
  // A scheduled call of Rose's that was skipped, so the stranger's empty list is RLS at work.
  await database.db.sql`
    insert into public.ultaura_schedule_runs
      (schedule_id, account_id, line_id, occurrence_at, due_at, state, result, outcome)
    values (${SEED.scheduleRoseDaily}, ${A}, ${ROSE}, now(), now(), 'done', 'skipped_quiet_hours', 'skipped')`;
  stranger = api.request((await api.signUp("stranger@example.com")).access_token);
  expect((await stranger("POST", "/accounts", { name: "Strangers" })).status).toBe(201);
});

/** md5 of every row of every table (auth.users included), as the service sees them. */
async function checksums(): Promise<Record<string, string>> {
  const tables = await database.db.sql<{ name: string }[]>`
    select format('%I.%I', schemaname, tablename) as name from pg_tables
    where schemaname = 'public' or (schemaname = 'auth' and tablename = 'users') order by 1`;
  const sums: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await database.db.sql.unsafe<{ sum: string | null }[]>(
      `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from ${name} t`,
    );
    sums[name] = row?.sum ?? "";
  }
  return sums;
}

const NOT_FOUND: [string, string, unknown?][] = [
  ["GET", `/account?accountId=${A}`],
  ["PATCH", `/account?accountId=${A}`, { name: "Taken over" }],
  ["GET", `/usage?accountId=${A}`],
  ["POST", `/account/invites?accountId=${A}`, { email: "stranger@example.com" }],
  ["GET", `/account/members?accountId=${A}`],
  ["GET", `/lines?accountId=${A}`],
  ["POST", `/lines?accountId=${A}`, { displayName: "Intruder", phone: INTRUDER, timezone: "UTC" }],
  ["POST", "/lines", { accountId: A, displayName: "Intruder", phone: INTRUDER, timezone: "UTC" }],
  ["GET", `/lines/${ROSE}`],
  ["PATCH", `/lines/${ROSE}`, { displayName: "Renamed", status: "paused" }],
  ["PATCH", `/lines/${ROSE}`, { phone: "+15555550190" }],
  ["GET", `/lines/${ROSE}/notices`],
  ["DELETE", `/account/invites/${ROSE}?accountId=${A}`],
  ["DELETE", `/account/members/${SEED.users.demo.id}?accountId=${A}`],
  ["DELETE", `/lines/${ROSE}`],
  ["POST", `/lines/${ROSE}/reenable-calls`, { confirmPersonAgreed: true, note: "I say so" }],
  ["POST", `/lines/${ROSE}/verify/send`, { channel: "sms" }],
  ["POST", `/lines/${ROSE}/verify/check`, { code: "123456", consentAttested: true }],
  ["POST", `/lines/${ROSE}/test-call`, { ignoreQuietHours: true }],
  ["GET", `/lines/${ROSE}/schedules`],
  ["POST", `/lines/${ROSE}/schedules`, { daysOfWeek: [1], localTime: "09:00" }],
  ["PATCH", `/schedules/${SEED.scheduleRoseDaily}`, { enabled: false }],
  ["DELETE", `/schedules/${SEED.scheduleRoseDaily}`],
  ["GET", `/lines/${ROSE}/reminders`],
  ["POST", `/lines/${ROSE}/reminders`, { text: "Planted", kind: "other", times: ["09:00"] }],
  ["PATCH", `/reminders/${FIXTURE.reminder}`, { paused: true }],
  ["DELETE", `/reminders/${FIXTURE.reminder}`],
  ["GET", `/lines/${ROSE}/contacts`],
  ["POST", `/lines/${ROSE}/contacts`, { name: "Eve", phone: phoneNumber(), contactAgreed: true }],
  ["PATCH", `/contacts/${SEED.trustedContactDaniel}`, { phone: phoneNumber() }],
  ["DELETE", `/contacts/${SEED.trustedContactDaniel}`],
  ["GET", `/calls/${FIXTURE.callSession}`],
  ["GET", `/lines/${ROSE}/memories`],
  ["DELETE", `/memories/${SEED.memories.roseGarden}`],
  ["DELETE", `/memories/${SEED.memories.rosePrivate}`],
  ["POST", `/safety-events/${FIXTURE.safetyEvent}/acknowledge`],
  ["GET", `/lines/${ROSE}/insights`],
  ["GET", `/lines/${ROSE}/messages`],
  ["POST", `/lines/${ROSE}/messages`, { text: "Hello from a stranger", from: "Eve" }],
  ["POST", `/me/alerts/${FIXTURE.memberAlert}/read`],
  ["GET", `/lines/${ROSE}/pauses`],
  ["POST", `/lines/${ROSE}/pauses`, { startsOn: "2026-12-24", endsOn: "2026-12-26" }],
  ["DELETE", `/pauses/${FIXTURE.pause}`],
];

const EMPTY: string[] = [
  `/calls?lineId=${ROSE}`,
  `/safety-events?lineId=${ROSE}`,
  `/schedule-runs?lineId=${ROSE}`,
  `/reminder-occurrences?lineId=${ROSE}`,
  "/calls",
  "/safety-events",
  "/schedule-runs",
  "/reminder-occurrences",
];

describe("a signed-in stranger naming another family's ids", () => {
  it("gets 404 on every route that names one, an empty list where it filters, and changes nothing", async () => {
    const before = await checksums();
    for (const [method, path, body] of NOT_FOUND) {
      const response = await stranger(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.error.code, `${method} ${path}`).toMatch(/^not_found$/);
    }
    for (const path of EMPTY) {
      const response = await stranger("GET", path);
      expect(response.status, path).toBe(200);
      expect(response.body, path).toEqual({ items: [], nextCursor: null });
    }
    expect(await checksums()).toEqual(before);
  });

  it("covers every route that names an id", async () => {
    const document = (await api.request()("GET", "/openapi.json")).body as { paths: Record<string, object> };
    const withIds = Object.entries(document.paths).flatMap(([path, item]) =>
      path.includes("{id}") ? Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`) : [],
    );
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
    const tried = new Set(
      NOT_FOUND.map(([method, path]) => `${method} /api${path.split("?")[0]?.replace(uuid, "{id}")}`),
    );
    expect(withIds.filter((route) => !tried.has(route))).toEqual([]);
  });

  it("cannot accept an invite sent to someone else", async () => {
    const before = await checksums();
    const response = await stranger("POST", "/invites/accept", { token: "a".repeat(32) });
    expect(response.status).toBe(404);
    expect(await checksums()).toEqual(before);
  });
});
