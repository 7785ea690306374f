import { describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { useApiApp, useTestDatabase } from "../../tests/support/kit.ts";
import { nextDueAt } from "../_shared/domain/reminders/timing.ts";

/**
 * /api/lines/:id/reminders and /api/reminders/:id through real Postgres RLS: add (the issue's exact body),
 * list with the next occurrence in the line's zone, change, pause and resume, delete; bad bodies and
 * other families' reminders are refused and change nothing.
 */
const database = useTestDatabase();
const api = useApiApp(database, { resetData: true });

const demo = async () => api.request((await api.signIn(SEED.users.demo.email)).access_token);
const outsider = async () => api.request((await api.signIn(SEED.users.paid.email)).access_token);

describe("reminders API", () => {
  it("adds a recurring medication reminder and lists it with its next occurrence at 08:00 in the line's zone", async () => {
    const owner = await demo();
    const created = await owner("POST", `/lines/${SEED.lines.rose}/reminders`, {
      text: "Take the blood pressure pill",
      kind: "medication",
      daysOfWeek: [0, 1, 2, 3, 4, 5, 6],
      times: ["08:00"],
      requireAck: true,
      retries: 2,
      retryMinutes: 10,
    });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body.setBy).toBe("family");

    const listed = await owner("GET", `/lines/${SEED.lines.rose}/reminders`);
    expect(listed.status).toBe(200);
    const item = listed.body.items.find((r: { id: string }) => r.id === created.body.id);
    expect(item.nextLocal).toMatch(/ 08:00$/);
    // Los Angeles is UTC-8 in winter, UTC-7 in summer: either way 08:00 local is 15:00 or 16:00 UTC.
    expect(item.nextAt).toMatch(/T1[56]:00:00\.000Z$/);
    expect(new Date(item.nextAt).getTime()).toBeGreaterThan(Date.now());
    expect(item.recent).toEqual([]);
  });

  it("adds a once-only appointment, pauses and resumes it, then deletes it", async () => {
    const owner = await demo();
    const year = new Date().getUTCFullYear() + 1;
    const created = await owner("POST", `/lines/${SEED.lines.rose}/reminders`, {
      text: "Dentist at the clinic",
      kind: "appointment",
      once: `${year}-07-14T09:30`,
      requireAck: false,
    });
    expect(created.status).toBe(201);
    expect(created.body.nextLocal).toBe(`${year}-07-14 09:30`);
    expect(created.body.nextAt).toBe(`${year}-07-14T16:30:00.000Z`);

    const paused = await owner("PATCH", `/reminders/${created.body.id}`, { paused: true });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ paused: true, nextAt: null });
    const resumed = await owner("PATCH", `/reminders/${created.body.id}`, { paused: false, text: "Dentist" });
    expect(resumed.body).toMatchObject({
      paused: false,
      text: "Dentist",
      nextAt: `${year}-07-14T16:30:00.000Z`,
    });

    expect((await owner("DELETE", `/reminders/${created.body.id}`)).status).toBe(204);
    const again = await owner("DELETE", `/reminders/${created.body.id}`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe("not_found");
  });

  it("refuses bad bodies with 400 and writes nothing", async () => {
    const owner = await demo();
    const before = await database.db.sql`select count(*)::int as n from public.ultaura_reminders`;
    for (const body of [
      { text: "x", kind: "medication" },
      { text: "x", kind: "medication", once: "2027-01-01T08:00", times: ["08:00"] },
      { text: "x", kind: "pills", times: ["08:00"] },
      { text: "x".repeat(121), kind: "other", times: ["08:00"] },
      { text: "x", kind: "other", times: ["08:00", "09:00", "10:00", "11:00", "12:00", "13:00", "14:00"] },
      { text: "x", kind: "other", once: "2027-02-30T25:00" },
      { text: "x", kind: "other", times: ["08:00"], retries: 9 },
    ]) {
      const refused = await owner("POST", `/lines/${SEED.lines.rose}/reminders`, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.code).toBe("invalid_request");
    }
    const after = await database.db.sql`select count(*)::int as n from public.ultaura_reminders`;
    expect(after).toEqual(before);
  });

  it("shows another family's reminders to nobody: 404 on list, change and delete", async () => {
    const owner = await demo();
    const created = await owner("POST", `/lines/${SEED.lines.rose}/reminders`, {
      text: "Private",
      kind: "other",
      times: ["21:00"],
    });
    const stranger = await outsider();
    expect((await stranger("GET", `/lines/${SEED.lines.rose}/reminders`)).status).toBe(404);
    expect((await stranger("PATCH", `/reminders/${created.body.id}`, { paused: true })).status).toBe(404);
    expect((await stranger("DELETE", `/reminders/${created.body.id}`)).status).toBe(404);
    const [row] = await database.db
      .sql`select paused from public.ultaura_reminders where id = ${created.body.id}`;
    expect(row?.paused).toBe(false);
  });

  it("plans the next occurrence across a DST change as the line's clock reads it (database and runtime agree)", async () => {
    const cases = [
      // New York springs forward on 2026-03-08: 08:00 local is 13:00Z before, 12:00Z after.
      ["America/New_York", "2026-03-07T13:00:00Z", "2026-03-08T12:00:00.000Z"],
      ["America/New_York", "2026-10-31T12:00:00Z", "2026-11-01T13:00:00.000Z"],
      ["Europe/Madrid", "2026-03-28T07:00:00Z", "2026-03-29T06:00:00.000Z"],
    ] as const;
    for (const [zone, after, expected] of cases) {
      const [row] = await database.db.sql<{ next: Date }[]>`
        select public.ultaura_reminder_next_due(null, '{0,1,2,3,4,5,6}', '{08:00}', ${zone}, ${after}) as next`;
      expect(row?.next.toISOString(), zone).toBe(expected);
      const timing = { daysOfWeek: [0, 1, 2, 3, 4, 5, 6], times: ["08:00"], timezone: zone };
      expect(nextDueAt(timing, new Date(after))?.toISOString(), zone).toBe(expected);
    }
  });
});
