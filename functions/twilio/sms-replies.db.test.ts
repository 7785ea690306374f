import { describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import {
  addNotifiedMember,
  notifyDeps,
  twilioTestApp,
  useTestDatabase,
  useTwilioSimulator,
} from "../../tests/support/kit.ts";
import { notifyMembers } from "../_shared/domain/notifications/notify.ts";
import { smsKeyword } from "../_shared/domain/notifications/sms-replies.ts";

/**
 * A member's SMS reply of STOP (signed by Twilio) stops the kind of text we last sent them; other kinds go
 * on; START resumes. Texts through the Twilio simulator.
 */
const database = useTestDatabase();
const twilio = useTwilioSimulator();

const sid = () => `SM${crypto.randomUUID().replaceAll("-", "")}`;

describe("SMS replies to our number", () => {
  it("knows the carriers' keywords, whatever the case and punctuation", () => {
    expect(
      ["STOP", " stop ", "Stop.", "unsubscribe", "CANCEL", "end", "quit", "STOPALL", "Alto"].map(smsKeyword),
    ).toEqual(Array(9).fill("stop"));
    expect(["START", "unstop", "Yes"].map(smsKeyword)).toEqual(["start", "start", "start"]);
    expect(["stop calling at night", "thanks", ""].map(smsKeyword)).toEqual([null, null, null]);
  });

  it("STOP stops that kind of text, START resumes, and an unsigned reply changes nothing", async () => {
    await database.resetData();
    const member = await addNotifiedMember(database.db.sql, SEED.lines.rose, [
      "missed_calls",
      "weekly_digest",
    ]);
    const deps = notifyDeps(database.db, twilio.url);
    let n = 0;
    const notify = (kind: "missed_calls" | "weekly_digest") =>
      notifyMembers(deps, {
        accountId: SEED.accounts.demo,
        kind,
        subject: `test:${++n}`,
        text: (copy) => copy.careCircle.missedTwoDays("Rose"),
      });
    const texts = () => twilio.sim.messages().filter((m) => m.to === member).length;
    const { post } = twilioTestApp(database.db);

    await notify("missed_calls");
    expect(texts()).toBe(1);
    expect(
      (await post("/twilio/sms/inbound", { MessageSid: sid(), From: member, Body: "STOP" }, "none")).status,
    ).toBe(403);
    expect(await notify("missed_calls")).toMatchObject({ texted: 1 });

    const stopped = await post("/twilio/sms/inbound", { MessageSid: sid(), From: member, Body: "Stop" });
    expect(stopped.status).toBe(200);
    expect(await stopped.text()).toContain(
      "<Message>Ultaura: you will get no more missed-call notices by text. Reply START to get them again.</Message>",
    );
    expect(await notify("missed_calls")).toMatchObject({ kind: "notified", members: 1, texted: 0 });
    expect(await notify("weekly_digest")).toMatchObject({ texted: 1 });
    expect(
      await database.db.sql`select kind, sms from ultaura_member_alerts order by created_at desc limit 2`,
    ).toEqual([
      { kind: "weekly_digest", sms: "sent" },
      { kind: "missed_calls", sms: "opted_out" },
    ]);

    const other = await post("/twilio/sms/inbound", { MessageSid: sid(), From: member, Body: "thanks!" });
    expect(await other.text()).not.toContain("<Message>");
    const started = await post("/twilio/sms/inbound", { MessageSid: sid(), From: member, Body: "START" });
    expect(await started.text()).toContain("your texts are back on");
    expect(await notify("missed_calls")).toMatchObject({ texted: 1 });
  });
});
