import { describe, expect, it } from "vitest";
import { notifyDeps, phoneNumber, useSimulatedApi, useTestDatabase } from "../../../../tests/support/kit.ts";
import { notifyMembers } from "./notify.ts";

/**
 * Member notifications end to end: a member saves and verifies a phone through the API (Twilio simulator's
 * Verify), chooses kinds; notifyMembers texts each asking member once through the Twilio simulator and
 * writes one in-app alert each, in their language — once per (kind, subject), however often it is asked.
 */
const database = useTestDatabase();
const { twilio, api } = useSimulatedApi(database, { resetData: true });

describe("member notifications", () => {
  it("verifies a member's phone with a code and keeps the kinds they chose", async () => {
    const session = await api.signUp("notify-settings@example.com");
    const me = api.request(session.access_token);
    expect((await me("GET", "/me/notifications")).body).toEqual({
      phone: null,
      phoneVerified: false,
      language: "en",
      timezone: null,
      kinds: [],
    });
    const noPhone = await me("POST", "/me/notifications/verify/send", { channel: "sms" });
    expect(noPhone.status).toBe(409);
    expect(noPhone.body.error.code).toBe("notification_phone_required");
    expect((await me("PATCH", "/me/notifications", { kinds: ["nonsense"] })).status).toBe(400);

    const phone = phoneNumber();
    const saved = await me("PATCH", "/me/notifications", {
      phone,
      language: "es",
      kinds: ["missed_calls", "reminders", "missed_calls"],
    });
    expect(saved.body).toEqual({
      phone,
      phoneVerified: false,
      language: "es",
      timezone: null,
      kinds: ["missed_calls", "reminders"],
    });
    expect((await me("PATCH", "/me/notifications", { timezone: "Mars/Olympus" })).status).toBe(400);
    expect((await me("PATCH", "/me/notifications", { timezone: "Europe/Madrid" })).body.timezone).toBe(
      "Europe/Madrid",
    );
    expect((await me("POST", "/me/notifications/verify/send", {})).status).toBe(202);
    const wrong = await me("POST", "/me/notifications/verify/check", { code: "000000" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: "wrong_code" });
    expect(wrong.body.error.message).toContain("4 attempts left");
    const code = twilio.sim.lastCode(phone);
    const checked = await me("POST", "/me/notifications/verify/check", { code });
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ phone, phoneVerified: true });

    // A new number is unverified again; nobody can mark their own phone verified.
    const other = phoneNumber();
    expect((await me("PATCH", "/me/notifications", { phone: other })).body.phoneVerified).toBe(false);
    const forged = await database.attempt(
      { userId: session.user.id },
      "update public.ultaura_member_notification_settings set phone_verified_at = now()",
    );
    expect(forged.ok).toBe(false);
  });

  it("texts and alerts each asking member once per notice, in their language, never twice", async () => {
    const ownerSession = await api.signUp("notify-owner@example.com");
    const owner = api.request(ownerSession.access_token);
    const account = await owner("POST", "/accounts", { name: "The Notified" });
    const invite = await owner("POST", "/account/invites", { email: "notify-sister@example.com" });
    const sisterSession = await api.signUp("notify-sister@example.com");
    const sister = api.request(sisterSession.access_token);
    expect((await sister("POST", "/invites/accept", { token: invite.body.token })).status).toBe(200);
    const cousinSession = await api.signUp("notify-cousin@example.com");

    const verify = async (call: typeof owner, language: "en" | "es", kinds: string[]) => {
      const phone = phoneNumber();
      await call("PATCH", "/me/notifications", { phone, language, kinds });
      await call("POST", "/me/notifications/verify/send", { channel: "sms" });
      const code = twilio.sim.lastCode(phone);
      expect((await call("POST", "/me/notifications/verify/check", { code })).status).toBe(200);
      return phone;
    };
    const ownerPhone = await verify(owner, "en", ["missed_calls"]);
    const sisterPhone = await verify(sister, "es", ["missed_calls", "weekly_digest"]);
    // Not a member of this account: never told, whatever they asked for.
    await verify(api.request(cousinSession.access_token), "en", ["missed_calls"]);

    const before = twilio.sim.messages().length;
    const notice = {
      accountId: account.body.id as string,
      kind: "missed_calls" as const,
      subject: "run:test-1",
      text: (copy: { careCircle: { missedTwoDays(name: string): string } }) =>
        copy.careCircle.missedTwoDays("Rosa"),
    };
    const results = await Promise.all([
      notifyMembers(notifyDeps(database.db, twilio.url), notice),
      notifyMembers(notifyDeps(database.db, twilio.url), notice),
      notifyMembers(notifyDeps(database.db, twilio.url), notice),
    ]);
    expect(results.filter((r) => r.kind === "notified")).toEqual([
      expect.objectContaining({ members: 2, texted: 2, failed: 0 }),
    ]);
    expect(results.filter((r) => r.kind === "duplicate")).toHaveLength(2);
    const sent = twilio.sim.messages().slice(before);
    expect(sent.map((m) => m.to).sort()).toEqual([ownerPhone, sisterPhone].sort());
    expect(sent.find((m) => m.to === ownerPhone)?.body).toMatch(
      /^Ultaura: Rosa has not answered .* Reply STOP/,
    );
    expect(sent.find((m) => m.to === sisterPhone)?.body).toMatch(
      /^Ultaura: Rosa no ha contestado .* Responda STOP/,
    );

    // A kind only the sister asked for reaches only her.
    const digest = await notifyMembers(notifyDeps(database.db, twilio.url), {
      ...notice,
      kind: "weekly_digest",
      subject: "week:1",
    });
    expect(digest).toMatchObject({ kind: "notified", members: 1, texted: 1 });

    const alerts = await owner("GET", "/me/alerts");
    expect(alerts.body.unread).toBe(1);
    expect(alerts.body.items).toEqual([
      expect.objectContaining({
        kind: "missed_calls",
        sms: "sent",
        readAt: null,
        body: expect.stringContaining("Rosa"),
      }),
    ]);
    const alertId = alerts.body.items[0].id;
    expect((await sister("POST", `/me/alerts/${alertId}/read`)).status).toBe(404);
    expect((await owner("POST", `/me/alerts/${alertId}/read`)).status).toBe(204);
    expect((await owner("GET", "/me/alerts")).body.unread).toBe(0);
    expect((await sister("GET", "/me/alerts")).body.items).toHaveLength(2);
  });
});
