import { beforeAll, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { phoneNumber, useApiApp, useTestDatabase, walkPages } from "../../tests/support/kit.ts";

/**
 * GET /api/reminder-occurrences: the family's activity lists what became of each reminder — acknowledged,
 * missed after its tries, given in a call, skipped — across the lines of the member's accounts, newest
 * first, keyset paged, through real Postgres RLS. The occurrences are written as the scheduler writes them
 * (service role); the reading is the member's.
 */
const database = useTestDatabase();
const api = useApiApp(database, { resetData: true });

type Occurrence = {
  id: string;
  lineId: string;
  occurrenceAt: string;
  occurrenceLocal: string;
  state: string;
  text: string;
};
type Page = { status: number; body: { items: Occurrence[]; nextCursor: string | null } };

const HOUR = 3_600_000;
/** Whole minutes before the test began, so a time named twice is the same instant. */
const START = Date.now();
const at = (hoursAgo: number) =>
  new Date(START - hoursAgo * HOUR).toISOString().replace(/:\d\d\.\d+Z$/, ":00.000Z");

let request: (method: string, path: string, body?: unknown) => Promise<Page>;
let pills: { id: string; lineId: string };
let dentist: { id: string; lineId: string };
/** Every listed occurrence id, newest first (the order the API must give). */
let expected: string[];
let futurePending: string;

beforeAll(async () => {
  const session = await api.signUp("reminder-activity@example.com");
  request = api.request(session.access_token) as typeof request;
  const account = await request("POST", "/accounts", { name: "Reminder activity" });
  const accountId = (account.body as unknown as { id: string }).id;
  const sql = database.db.sql;
  // The family plan allows a second line (a new account's trial allows one).
  await sql`update public.ultaura_accounts set plan_id = 'family' where id = ${accountId}`;
  const [mum, dad] = await sql<{ id: string }[]>`
    insert into public.ultaura_lines (account_id, display_name, phone_e164, timezone)
    values (${accountId}, 'Mum', ${phoneNumber()}, 'America/New_York'),
           (${accountId}, 'Dad', ${phoneNumber()}, 'Europe/Madrid')
    returning id`;
  const add = async (lineId: string, body: object) => {
    const created = await request("POST", `/lines/${lineId}/reminders`, body);
    expect(created.status).toBe(201);
    return { id: (created.body as unknown as { id: string }).id, lineId };
  };
  pills = await add(mum?.id as string, { text: "Blood pressure pill", kind: "medication", times: ["08:00"] });
  dentist = await add(dad?.id as string, { text: "Dentist at ten", kind: "appointment", times: ["10:00"] });

  const occur = (reminder: { id: string; lineId: string }, occurrenceAt: string, fields: string) =>
    sql`
      insert into public.ultaura_reminder_occurrences
        (reminder_id, account_id, line_id, occurrence_at, due_at, state, result, attempts,
         acknowledged_at, acknowledged_by, given_in_call)
      select ${reminder.id}, ${accountId}, ${reminder.lineId}, ${occurrenceAt}, ${occurrenceAt}, f.*
      from (values ${sql.unsafe(fields)}) as f(state, result, attempts, acknowledged_at, acknowledged_by, given_in_call)
      returning id`;
  await occur(pills, at(72), "('acknowledged', 'completed', 1, now(), 'keypad', false)");
  await occur(dentist, at(60), "('missed', 'no_answer', 3, null::timestamptz, null, false)");
  await occur(pills, at(48), "('delivered', null, 1, null::timestamptz, null, true)");
  await occur(dentist, at(36), "('skipped', 'skipped_quiet_hours', 0, null::timestamptz, null, false)");
  await occur(pills, at(24), "('acknowledged', 'completed', 1, now(), 'voice', true)");
  // Under way: its time has come, a retry waits.
  await occur(pills, at(1), "('pending', 'no_answer', 1, null::timestamptz, null, false)");
  // Not yet: a pending occurrence still in the future is not activity.
  const [future] = await occur(pills, at(-24), "('pending', null, 0, null::timestamptz, null, false)");
  futurePending = future?.id as string;
  // Two occurrences at one instant (of the same reminder they cannot be): only the id orders them.
  await occur(dentist, at(12), "('acknowledged', 'completed', 1, now(), 'keypad', false)");
  await occur(pills, at(12), "('acknowledged', 'completed', 1, now(), 'keypad', false)");
  expected = (
    await sql<{ id: string }[]>`
      select id from public.ultaura_reminder_occurrences
      where account_id = ${accountId} and id <> ${futurePending}
      order by occurrence_at desc, id desc`
  ).map((r) => r.id);
  expect(expected).toHaveLength(8);
});

/** Every page of the family's reminder activity (`query`: filters ending in "&"), `limit` rows a page. */
const walk = (query: string, limit: number) =>
  walkPages((page) => request("GET", `/reminder-occurrences?${query}${page}`), limit);

describe("reminder occurrences in the family's activity", () => {
  it("lists every line's occurrences that have come, newest first, with the reminder's words and the local time", async () => {
    const page = await request("GET", "/reminder-occurrences");
    expect(page.status).toBe(200);
    expect(page.body.nextCursor).toBeNull();
    expect(page.body.items.map((o) => o.id)).toEqual(expected);
    expect(page.body.items.map((o) => o.id)).not.toContain(futurePending);
    const voice = page.body.items.find((o) => o.state === "acknowledged" && o.occurrenceAt === at(24));
    expect(voice).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      reminderId: pills.id,
      lineId: pills.lineId,
      text: "Blood pressure pill",
      kind: "medication",
      occurrenceAt: at(24),
      occurrenceLocal: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
      state: "acknowledged",
      result: "completed",
      attempts: 1,
      acknowledgedAt: expect.any(String),
      acknowledgedBy: "voice",
      givenInCall: true,
    });
    // In the line's own zone: New York is 4 or 5 hours behind UTC.
    const utcHour = new Date(at(24)).getUTCHours();
    const localHour = Number(voice?.occurrenceLocal.slice(11, 13));
    expect([(utcHour + 24 - 5) % 24, (utcHour + 24 - 4) % 24]).toContain(localHour);
    const missed = page.body.items.find((o) => o.state === "missed");
    expect(missed).toMatchObject({
      text: "Dentist at ten",
      kind: "appointment",
      attempts: 3,
      result: "no_answer",
    });
  });

  it("pages with a keyset cursor: every occurrence once, in order, also two at one instant", async () => {
    expect(await walk("", 3)).toEqual({ ids: expected, pages: 3 });
    expect(await walk("", 1)).toEqual({ ids: expected, pages: 8 });
  });

  it("filters by line", async () => {
    const own = await request("GET", `/reminder-occurrences?lineId=${dentist.lineId}`);
    expect(own.body.items.map((o) => o.text)).toEqual(["Dentist at ten", "Dentist at ten", "Dentist at ten"]);
    expect(own.body.items.every((o) => o.lineId === dentist.lineId)).toBe(true);
    const paged = await walk(`lineId=${pills.lineId}&`, 2);
    expect(paged.ids).toEqual(expected.filter((id) => !own.body.items.some((o) => o.id === id)));
  });

  it("shows another family none of them, refuses a tampered cursor, and wants a signed-in caller", async () => {
    const stranger = api.request((await api.signIn(SEED.users.paid.email)).access_token);
    expect((await stranger("GET", `/reminder-occurrences?lineId=${pills.lineId}`)).body).toEqual({
      items: [],
      nextCursor: null,
    });
    expect((await stranger("GET", "/reminder-occurrences")).body).toEqual({ items: [], nextCursor: null });

    const tampered = await request("GET", "/reminder-occurrences?cursor=bm9wZQ");
    expect(tampered.status).toBe(400);
    expect(tampered.body).toEqual({ error: { code: "invalid_request", message: expect.any(String) } });
    expect((await request("GET", "/reminder-occurrences?lineId=mum")).status).toBe(400);

    const anonymous = await api.request()("GET", "/reminder-occurrences");
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe("unauthorized");
  });
});
