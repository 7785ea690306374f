import { beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../../../supabase/seed-ids.ts";
import { useTestDatabase } from "../../../../tests/support/kit.ts";
import { callerAttestation } from "../sessions/caller-trust.ts";
import { answerInbound } from "./inbound.ts";

/**
 * A caller whose caller ID nobody vouched for may be anyone spoofing the person's number: few such calls per
 * line per hour get through, each is cut off at a fixed length, and none ever draws overage.
 */
const testDb = useTestDatabase();
beforeEach(() => testDb.resetData());

const unattested = callerAttestation("TN-Validation-Passed-C", true);
const attested = callerAttestation("TN-Validation-Passed-A", true);
let sids = 0;
const sid = () => `CA${String(++sids).padStart(32, "0")}`;

const call = (callSid: string, from: string, attestation = unattested) =>
  testDb.db.asService((tx) =>
    answerInbound(tx, { callSid, from, to: "+15555550000", attestation }, { unattestedPerHour: 2 }),
  );

describe("unattested inbound calls", () => {
  it("a line lets the hour's limit through; the next hears the unknown caller's words and is recorded", async () => {
    const first = sid();
    expect((await call(first, SEED.phones.rose)).decided).toBe("connect");
    expect((await call(sid(), SEED.phones.rose)).decided).toBe("connect");
    const third = sid();
    expect(await call(third, SEED.phones.rose)).toEqual({
      decided: "unattested_limit",
      answer: { kind: "unknown_caller" },
    });
    // Twilio retrying the first call's webhook is the same call, not one more; an attested caller is not limited.
    expect((await call(first, SEED.phones.rose)).decided).toBe("connect");
    expect((await call(sid(), SEED.phones.rose, attested)).decided).toBe("connect");
    const events = await testDb.db.sql`select type from ultaura_call_events where twilio_call_sid = ${third}`;
    expect(events.map((e) => e.type)).toEqual(["inbound.unattested_limit"]);

    // An hour later the line takes unattested calls again.
    await testDb.db.sql`update ultaura_call_sessions set created_at = created_at - interval '61 minutes'`;
    expect((await call(sid(), SEED.phones.rose)).decided).toBe("connect");
  });

  it("a paid plan's included minutes used up: an unattested call is refused, an attested one connects", async () => {
    await testDb.db.sql`update ultaura_accounts set minutes_included = 195 where id = ${SEED.accounts.paid}`;
    expect((await call(sid(), SEED.phones.paid)).decided).toBe("unattested_limit");
    expect((await call(sid(), SEED.phones.paid, attested)).decided).toBe("connect");
  });
});
