import { Client } from "@upstash/qstash";
import postgres from "postgres";
import { afterAll, expect, inject, it } from "vitest";
import { addDays, localDateTime } from "../../functions/_shared/domain/scheduling/zoned-time.ts";
import { createDatabase } from "../../functions/_shared/platform/db.ts";
import { nextRunAt } from "../../functions/scheduler/next-run.ts";
import { signQstash } from "../../simulators/qstash/sign.ts";
import { SEED } from "../../supabase/seed-ids.ts";
import { eventually, type ScheduleRun, scheduleRuns, stackScheduler } from "../support/kit.ts";
import { insertDueLines } from "../support/schedules.ts";

/**
 * A scheduled call end to end: the scheduler (in this process, so its clock can be moved on) dials
 * through the Twilio simulator, which rings a scripted callee and calls the stack's functions/twilio
 * back (answer, status callbacks); an answered call streams through the Worker to the Grok simulator.
 */
const { urls, databaseUrl, env } = inject("stack");
const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
const db = createDatabase(databaseUrl, { max: 4 });
afterAll(async () => {
  await sql.end();
  await db.close();
});

const TZ = "America/New_York";
let clock = new Date();
const tick = stackScheduler(db, env, () => clock);

const runsOf = (lineId: string) => scheduleRuns(sql, lineId);

it("no answer → retried 15 minutes later → answered: the family sees the call and the next run is tomorrow", async () => {
  const minute = Math.floor(Date.now() / 60_000) * 60_000;
  const dueAt = new Date(minute - 60_000);
  const [lineId] = await insertDueLines(sql, { count: 1, dueAt, batch: 7, timezone: TZ });
  if (!lineId) throw new Error("no line inserted");
  const local = localDateTime(dueAt, TZ);
  const timeOfDay = `${String(local.hour).padStart(2, "0")}:${String(local.minute).padStart(2, "0")}:00`;
  const [line] = await sql<{ account_id: string; phone_e164: string }[]>`
    update ultaura_lines set display_name = 'Edith' where id = ${lineId} returning account_id, phone_e164`;
  if (!line) throw new Error("line vanished");
  // Setting the time of day re-plans next_run_at (trigger); put the occurrence back to due.
  await sql`update ultaura_schedules set time_of_day = ${timeOfDay} where line_id = ${lineId}`;
  await sql`update ultaura_schedules set next_run_at = ${dueAt} where line_id = ${lineId}`;
  await sql`insert into ultaura_account_members (account_id, user_id, role)
            values (${line.account_id}, ${SEED.users.demo.id}, 'member')`;
  const script = [
    { answer: "no-answer", ringMs: 300 },
    { answer: "answer", kind: "human", seconds: 3 },
  ];
  const callee = await fetch(`${urls.twilioApi}/_sim/callees`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ to: line.phone_e164, script }),
  });
  expect(callee.status).toBe(200);

  clock = new Date();
  await tick();
  // The simulator's calls and callbacks reach the database on their own.
  const afterFirst = await eventually(() => runsOf(lineId), {
    until: (runs) => runs.length === 2,
    timeoutMs: 60_000,
    intervalMs: 250,
  });
  expect(afterFirst).toMatchObject([
    { attempt: 0, state: "done", result: "no_answer", outcome: "retrying" },
    { attempt: 1, state: "pending", result: null, outcome: null },
  ]);
  const [ended] = await sql<{ ended_at: Date }[]>`
    select ended_at from ultaura_call_sessions where line_id = ${lineId} and status = 'no_answer'`;
  const retryAt = (afterFirst[1] as ScheduleRun).due_at;
  expect(retryAt.getTime() - (ended as { ended_at: Date }).ended_at.getTime()).toBe(15 * 60_000);
  const [counted] = await sql`select retry_count from ultaura_schedules where line_id = ${lineId}`;
  expect(counted).toEqual({ retry_count: 1 });

  // Ten minutes on: the retry is not due yet.
  clock = new Date(Date.now() + 10 * 60_000);
  await tick();
  expect((await runsOf(lineId))[1]).toMatchObject({ attempt: 1, state: "pending" });

  // Fifteen minutes after the missed call: the retry rings, she answers, talks, hangs up.
  clock = new Date(retryAt.getTime() + 1000);
  await tick();
  const afterRetry = await eventually(() => runsOf(lineId), {
    until: (runs) => runs[1]?.state === "done",
    timeoutMs: 90_000,
    intervalMs: 250,
  });
  expect(afterRetry).toMatchObject([
    { attempt: 0, result: "no_answer", outcome: "retrying" },
    { attempt: 1, state: "done", result: "completed", outcome: "reached" },
  ]);

  // The family's view, through RLS as a member: both calls, and why each ended.
  const activity = await db.asUser(
    { sub: SEED.users.demo.id, role: "authenticated" },
    (tx) =>
      tx`select s.status::text, r.outcome from ultaura_call_sessions s
       join ultaura_schedule_runs r on r.call_session_id = s.id
       where s.line_id = ${lineId} order by s.created_at`,
  );
  expect(activity).toEqual([
    { status: "no_answer", outcome: "retrying" },
    { status: "completed", outcome: "reached" },
  ]);

  const [schedule] = await sql<{ next_run_at: Date; retry_count: number; last_result: string }[]>`
    select next_run_at, retry_count, last_result::text from ultaura_schedules where line_id = ${lineId}`;
  expect(schedule).toMatchObject({ retry_count: 0, last_result: "completed" });
  const next = localDateTime((schedule as { next_run_at: Date }).next_run_at, TZ);
  const tomorrow = addDays(local, 1);
  expect({ year: next.year, month: next.month, day: next.day, hour: next.hour, minute: next.minute }).toEqual(
    {
      ...tomorrow,
      hour: local.hour,
      minute: local.minute,
    },
  );
  expect((schedule as { next_run_at: Date }).next_run_at).toEqual(
    nextRunAt({ daysOfWeek: [0, 1, 2, 3, 4, 5, 6], timeOfDay, timezone: TZ }, dueAt),
  );
}, 180_000);

it("the QStash simulator's signed tick is accepted by functions/scheduler on Deno; a forged one is refused", async () => {
  // The e2e stack starts without the minute tick (QSTASH_SIM_TICK_CRON=off): register it the way
  // docs/DEPLOY.md does, with the official Client — on a cron that cannot come round during the test — and
  // fire it at once.
  const health = await fetch(`${urls.qstash}/_sim/health`);
  expect(await health.json()).toEqual({ ok: true, schedules: 0 });
  const qstash = new Client({
    token: env.QSTASH_TOKEN as string,
    baseUrl: urls.qstash,
    enableTelemetry: false,
  });
  const { scheduleId } = await qstash.schedules.create({
    destination: `${env.FUNCTIONS_PUBLIC_URL}/scheduler/tick`,
    cron: "0 0 1 1 *",
  });
  const response = await fetch(`${urls.qstash}/_sim/tick`, { method: "POST" }).finally(() =>
    qstash.schedules.delete(scheduleId),
  );
  expect(response.status).toBe(200);
  const { deliveries } = (await response.json()) as {
    deliveries: { url: string; attempts: { status: number | null }[] }[];
  };
  expect(deliveries).toMatchObject([
    { url: `${env.FUNCTIONS_PUBLIC_URL}/scheduler/tick`, attempts: [{ status: 200 }] },
  ]);
  const forged = await fetch(`${env.FUNCTIONS_PUBLIC_URL}/scheduler/tick`, {
    method: "POST",
    headers: {
      "upstash-signature": await signQstash({
        key: "sig_not_ours",
        url: `${env.FUNCTIONS_PUBLIC_URL}/scheduler/tick`,
        body: "",
      }),
    },
    body: "",
  });
  expect(forged.status).toBe(401);
});
