import { beforeEach, describe, expect, it } from "vitest";
import { addNotifiedMember, useTestDatabase, useTwilioSimulator } from "../../tests/support/kit.ts";
import { schedulerHarness } from "../../tests/support/scheduler-harness.ts";
import { insertDueLines } from "../../tests/support/schedules.ts";

/** A billing notice reaches the members who asked for billing notices once, by text, on the next ticks. */
const testDb = useTestDatabase();
const twilio = useTwilioSimulator();

describe("billing notices", () => {
  beforeEach(() => testDb.resetData());

  it("texts a failed payment once to each member who asked, duplicated ticks too", async () => {
    const [lineId] = await insertDueLines(testDb.db.sql, {
      count: 1,
      dueAt: new Date("2030-01-01T00:00:00Z"),
    });
    if (!lineId) throw new Error("no line");
    const asked = await addNotifiedMember(testDb.db.sql, lineId, ["billing"], "es");
    const notAsked = await addNotifiedMember(testDb.db.sql, lineId, ["missed_calls"]);
    await testDb.db.sql`insert into ultaura_billing_notices (account_id, kind, cycle_start)
      select account_id, 'payment_failed', now() from ultaura_lines`;
    const { tick } = schedulerHarness(testDb.db, { TWILIO_API_BASE_URL: twilio.url });
    await Promise.all([tick(), tick()]);
    await tick();
    const texts = twilio.sim.messages();
    expect(texts.map((m) => m.to)).toEqual([asked]);
    expect(texts[0]?.body).toMatch(/^Ultaura: su último pago no se procesó\./);
    expect(texts.some((m) => m.to === notAsked)).toBe(false);
  });
});
