import { beforeEach, describe, expect, it } from "vitest";
import {
  addAgreedContact,
  addNotifiedMember,
  useTestDatabase,
  useTwilioSimulator,
} from "../../tests/support/kit.ts";
import { schedulerHarness } from "../../tests/support/scheduler-harness.ts";
import { insertDueLines } from "../../tests/support/schedules.ts";
import {
  addDays,
  type LocalDate,
  localDateTime,
  zonedInstant,
} from "../_shared/domain/scheduling/zoned-time.ts";

/** Medium-tier concerns reach contacts and members at most once a day, summarised, the morning after. */
const testDb = useTestDatabase();
const twilio = useTwilioSimulator();
const TZ = "America/Chicago";

describe("medium-tier summaries", () => {
  beforeEach(() => testDb.resetData());

  it("texts one summary the morning after to contacts whose lowest tier is medium or low, never twice", async () => {
    const today = localDateTime(new Date(), TZ);
    const at = (day: LocalDate, hour: number) => zonedInstant({ ...day, hour, minute: 0, second: 0 }, TZ);
    const yesterday = addDays(today, -1);
    const [lineId] = await insertDueLines(testDb.db.sql, { count: 1, dueAt: new Date(), timezone: TZ });
    if (!lineId) throw new Error("no line");
    await testDb.db.sql`update ultaura_schedules set enabled = false`;
    const medium = await addAgreedContact(testDb.db.sql, lineId, { alertsFrom: "medium" });
    const low = await addAgreedContact(testDb.db.sql, lineId, { alertsFrom: "low" });
    const high = await addAgreedContact(testDb.db.sql, lineId, { alertsFrom: "high" });
    const member = await addNotifiedMember(testDb.db.sql, lineId, ["safety"], "es");
    for (const hour of [11, 15])
      await testDb.db.sql`
        insert into ultaura_safety_events (account_id, line_id, tier, source, signals, created_at)
        select account_id, id, 'medium', 'model', '{distress}', ${at(yesterday, hour)} from ultaura_lines`;

    let clock = at(today, 8);
    const { tick } = schedulerHarness(testDb.db, { TWILIO_API_BASE_URL: twilio.url }, () => clock);
    await tick();
    expect(twilio.sim.messages()).toEqual([]); // not before 09:00 in the line's zone

    clock = at(today, 9);
    await Promise.all([tick(), tick()]);
    await tick();
    const texts = twilio.sim.messages();
    expect(texts.map((m) => m.to).sort()).toEqual([medium, low, member].sort());
    expect(texts.find((m) => m.to === medium)?.body).toMatch(
      /^Ultaura: yesterday Person 1 had 2 moments on the phone worth a check-in\./,
    );
    expect(texts.find((m) => m.to === member)?.body).toMatch(/^Ultaura: ayer Person 1 tuvo 2 momentos/);
    expect(texts.some((m) => m.to === high)).toBe(false);
  });
});
