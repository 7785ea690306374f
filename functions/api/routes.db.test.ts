import { describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { phoneNumber, useApiApp, useTestDatabase } from "../../tests/support/kit.ts";
import { createMemory } from "../_shared/domain/memory/store.ts";

/**
 * Every family route's happy path, as a signed-in user with a token from the local Auth server, through
 * real Postgres RLS; then the refusals: malformed bodies and values.
 */
const database = useTestDatabase();
const api = useApiApp(database, { resetData: true });

const as = async (email: string) => api.request((await api.signIn(email)).access_token);

describe("a new family, from sign-up to a second family member", () => {
  it("creates its account, a line, schedules and contacts, and shares the account with a sibling", async () => {
    const owner = api.request((await api.signUp("owner@example.com")).access_token);

    const joe = phoneNumber();
    const ann = phoneNumber();
    const account = await owner("POST", "/accounts", { name: "The Owners" });
    expect(account.status).toBe(201);
    expect(account.body).toMatchObject({
      name: "The Owners",
      role: "owner",
      planId: "free_trial",
      minutesIncluded: 20,
    });
    expect((await owner("POST", "/accounts", { name: "Again" })).status).toBe(409);
    expect((await owner("GET", "/account")).body.id).toBe(account.body.id);
    expect((await owner("PATCH", "/account", { name: "The Owner Family" })).body.name).toBe(
      "The Owner Family",
    );
    const usage = await owner("GET", "/usage");
    expect(usage.body).toMatchObject({
      minutesIncluded: 20,
      minutesUsed: 0,
      minutesRemaining: 20,
      perLine: [],
      perDay: [],
    });

    const created = await owner("POST", "/lines", {
      displayName: "Grandpa Joe",
      phone: `(555) ${joe.slice(5, 8)}-${joe.slice(-4)}`,
      timezone: "America/Denver",
      quietHours: { start: "21:00", end: "08:00" },
      interests: ["chess"],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      displayName: "Grandpa Joe",
      phone: joe,
      phoneVerified: false,
      status: "unverified",
      timezone: "America/Denver",
      language: "en-US",
      quietHours: { start: "21:00", end: "08:00" },
      interests: ["chess"],
    });
    const lineId = created.body.id;
    const second = await owner("POST", "/lines", {
      displayName: "Nana",
      phone: phoneNumber(),
      timezone: "UTC",
    });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain("Free trial plan includes 1 line");

    expect((await owner("GET", "/lines")).body).toEqual({ items: [created.body], nextCursor: null });
    expect((await owner("GET", `/lines/${lineId}`)).body).toEqual(created.body);
    const patched = await owner("PATCH", `/lines/${lineId}`, {
      preferredName: "Joe",
      language: "es-US",
      status: "paused",
      timezone: "America/New_York",
    });
    expect(patched.body).toMatchObject({
      preferredName: "Joe",
      language: "es-US",
      timezone: "America/New_York",
    });

    const schedule = await owner("POST", `/lines/${lineId}/schedules`, {
      daysOfWeek: [5, 1, 3],
      localTime: "10:30",
    });
    expect(schedule.status).toBe(201);
    expect(schedule.body).toMatchObject({
      daysOfWeek: [1, 3, 5],
      localTime: "10:30",
      timezone: "America/New_York",
      enabled: true,
    });
    expect(schedule.body.nextRunLocal).toMatch(/^\d{4}-\d{2}-\d{2} 10:30$/);
    const moved = await owner("PATCH", `/schedules/${schedule.body.id}`, {
      localTime: "16:45",
      enabled: false,
    });
    expect(moved.body).toMatchObject({ localTime: "16:45", enabled: false, nextRunAt: null });
    expect((await owner("GET", `/lines/${lineId}/schedules`)).body.items).toEqual([moved.body]);

    const contact = await owner("POST", `/lines/${lineId}/contacts`, {
      name: "Ann",
      phone: `555-${ann.slice(5, 8)}-${ann.slice(-4)}`,
      relationship: "daughter",
      alertsFrom: "medium",
      contactAgreed: true,
    });
    expect(contact.status).toBe(201);
    // Medium is the lowest tier that reaches her: every tier above reaches her too.
    expect(contact.body).toMatchObject({
      name: "Ann",
      phone: ann,
      alertsFrom: "medium",
      notifyOn: ["medium", "high", "emergency"],
    });
    expect(contact.body.consentRecordedAt).not.toBeNull();
    const [consent] = await database.db.sql`
      select granted, granted_by_user_id from public.ultaura_consents where trusted_contact_id = ${contact.body.id}`;
    expect(consent).toMatchObject({ granted: true });
    const changed = await owner("PATCH", `/contacts/${contact.body.id}`, {
      relationship: "niece",
      notifyOn: ["high"],
    });
    // An earlier client's list becomes the choice of its lowest tier.
    expect(changed.body).toMatchObject({
      relationship: "niece",
      alertsFrom: "high",
      notifyOn: ["high", "emergency"],
    });
    expect((await owner("GET", `/lines/${lineId}/contacts`)).body.items).toEqual([changed.body]);

    const invite = await owner("POST", "/account/invites", { email: "Sibling@Example.com" });
    expect(invite.status).toBe(201);
    expect(invite.body).toMatchObject({ email: "sibling@example.com", role: "member" });
    const stranger = api.request((await api.signUp("not-the-sibling@example.com")).access_token);
    expect((await stranger("POST", "/invites/accept", { token: invite.body.token })).status).toBe(404);
    const sibling = api.request((await api.signUp("sibling@example.com")).access_token);
    const joined = await sibling("POST", "/invites/accept", { token: invite.body.token });
    expect(joined.body).toMatchObject({ id: account.body.id, role: "member" });
    expect((await sibling("GET", "/lines")).body.items).toHaveLength(1);
    expect((await sibling("PATCH", `/schedules/${schedule.body.id}`, { enabled: true })).status).toBe(200);
    expect((await sibling("POST", "/account/invites", { email: "cousin@example.com" })).status).toBe(403);
    expect((await sibling("DELETE", `/lines/${lineId}`)).status).toBe(403);

    expect((await owner("DELETE", `/contacts/${contact.body.id}`)).status).toBe(204);
    expect((await owner("DELETE", `/schedules/${schedule.body.id}`)).status).toBe(204);
    expect((await owner("DELETE", `/lines/${lineId}`)).status).toBe(204);
    expect((await owner("GET", "/lines")).body.items).toEqual([]);
  });
});

describe("activity", () => {
  it("pages calls newest first with billed minutes, and shows one call", async () => {
    const paid = await as(SEED.users.paid.email);
    const first = await paid("GET", "/calls?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toMatchObject({
      direction: expect.any(String),
      outcome: "answered",
      billedMinutes: expect.any(Number),
    });
    const rest = await paid("GET", `/calls?limit=2&cursor=${first.body.nextCursor}`);
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.nextCursor).toBeNull();
    const ids = [...first.body.items, ...rest.body.items].map((call: { id: string }) => call.id);
    expect(new Set(ids)).toEqual(new Set(SEED.callSessions.paid));
    expect((await paid("GET", `/calls/${SEED.callSessions.paid[0]}`)).body.id).toBe(
      SEED.callSessions.paid[0],
    );
    expect((await paid("GET", `/calls?lineId=${SEED.lines.paid}`)).body.items).toHaveLength(3);
    expect((await paid("GET", "/calls?cursor=bm9wZQ")).status).toBe(400);
  });

  it("tells the family when a call came in from a caller ID the network could not vouch for", async () => {
    const [unverified, verified] = await database.db.sql<{ id: string }[]>`
      insert into public.ultaura_call_sessions (account_id, line_id, direction, status, caller_trust)
      values (${SEED.accounts.demo}, ${SEED.lines.rose}, 'inbound', 'completed', 'unattested'),
             (${SEED.accounts.demo}, ${SEED.lines.rose}, 'inbound', 'completed', 'attested')
      returning id`;
    const demo = await as(SEED.users.demo.email);
    expect((await demo("GET", `/calls/${unverified?.id}`)).body.callerVerified).toBe(false);
    expect((await demo("GET", `/calls/${verified?.id}`)).body.callerVerified).toBe(true);
    const placed = (await demo("GET", "/calls?limit=100")).body.items.filter(
      (call: { direction: string }) => call.direction === "outbound",
    );
    for (const call of placed) expect(call.callerVerified).toBe(true);
  });

  it("shows memories except private ones, and forgets one for good", async () => {
    const demo = await as(SEED.users.demo.email);
    const memories = await demo("GET", `/lines/${SEED.lines.rose}/memories`);
    expect(memories.status).toBe(200);
    const ids = memories.body.items.map((memory: { id: string }) => memory.id);
    expect(ids).toContain(SEED.memories.roseGarden);
    expect(ids).not.toContain(SEED.memories.rosePrivate);
    expect(memories.body.items.find((m: { id: string }) => m.id === SEED.memories.roseGarden).text).toMatch(
      /\w/,
    );
    expect((await demo("DELETE", `/memories/${SEED.memories.roseGarden}`)).status).toBe(204);
    const [gone] = await database.db
      .sql`select count(*)::int as n from public.ultaura_memories where id = ${SEED.memories.roseGarden}`;
    expect(gone?.n).toBe(0);
    expect((await demo("DELETE", `/memories/${SEED.memories.rosePrivate}`)).status).toBe(404);
  });

  it("pages memories newest first by a keyset cursor", async () => {
    for (const text of ["Likes crosswords", "Visits the library on Tuesdays", "Her sister is June"]) {
      await database.db.asService((tx) =>
        createMemory(tx, database.keyring, {
          accountId: SEED.accounts.demo,
          lineId: SEED.lines.rose,
          kind: "fact",
          text,
        }),
      );
    }
    const demo = await as(SEED.users.demo.email);
    const all = (await demo("GET", `/lines/${SEED.lines.rose}/memories?limit=100`)).body.items;
    const first = await demo("GET", `/lines/${SEED.lines.rose}/memories?limit=2`);
    expect(first.body.items).toEqual(all.slice(0, 2));
    const rest = await demo(
      "GET",
      `/lines/${SEED.lines.rose}/memories?limit=100&cursor=${first.body.nextCursor}`,
    );
    expect(rest.body.items).toEqual(all.slice(2));
    expect(rest.body.nextCursor).toBeNull();
    expect(all.map((m: { text: string }) => m.text).slice(0, 3)).toEqual([
      "Her sister is June",
      "Visits the library on Tuesdays",
      "Likes crosswords",
    ]);
    expect((await demo("GET", `/lines/${SEED.lines.rose}/memories?cursor=nope`)).status).toBe(400);
  });

  it("shows an emergency alert with the guidance given on the call, in plain words", async () => {
    const [event] = await database.db.sql<{ id: string }[]>`
      insert into public.ultaura_safety_events (account_id, line_id, tier, source, signals, action_taken)
      values (${SEED.accounts.demo}, ${SEED.lines.rose}, 'emergency', 'keyword', '{fall_cannot_get_up}', 'urged_911')
      returning id`;
    const demo = await as(SEED.users.demo.email);
    const list = await demo("GET", `/safety-events?lineId=${SEED.lines.rose}`);
    const shown = list.body.items.find((e: { id: string }) => e.id === event?.id);
    expect(shown).toMatchObject({ tier: "emergency", actionTaken: "urged_911" });
    expect(shown.guidance).toMatch(/911/);
    expect((await demo("GET", "/safety-events?cursor=not-a-cursor")).status).toBe(400);
  });

  it("lists safety alerts and acknowledges them in the caller's name", async () => {
    const [event] = await database.db.sql<{ id: string }[]>`
      insert into public.ultaura_safety_events (account_id, line_id, tier, source, signals)
      values (${SEED.accounts.demo}, ${SEED.lines.rose}, 'medium', 'model', '{lonely}') returning id`;
    const demo = await as(SEED.users.demo.email);
    const list = await demo("GET", `/safety-events?lineId=${SEED.lines.rose}`);
    expect(list.body.items.map((e: { id: string }) => e.id)).toContain(event?.id);
    const acknowledged = await demo("POST", `/safety-events/${event?.id}/acknowledge`);
    expect(acknowledged.body.acknowledgedAt).not.toBeNull();
    const [row] = await database.db
      .sql`select acknowledged_by from public.ultaura_safety_events where id = ${String(event?.id)}`;
    expect(row?.acknowledged_by).toBe(SEED.users.demo.id);
  });

  it("re-enables calls after an opt-out, owners only, with a recorded note", async () => {
    await database.db
      .sql`insert into public.ultaura_opt_outs (account_id, line_id, source) values (${SEED.accounts.demo}, ${SEED.lines.rose}, 'dtmf')`;
    const demo = await as(SEED.users.demo.email);
    expect((await demo("GET", `/lines/${SEED.lines.rose}`)).body.doNotCall).toBe(true);
    const refused = await demo("POST", `/lines/${SEED.lines.rose}/reenable-calls`, {
      confirmPersonAgreed: false,
      note: "x",
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain("confirmPersonAgreed");
    const done = await demo("POST", `/lines/${SEED.lines.rose}/reenable-calls`, {
      confirmPersonAgreed: true,
      note: "Mum asked us to turn her calls back on",
    });
    expect(done.status).toBe(200);
    expect(done.body.doNotCall).toBe(false);
    const [consent] = await database.db.sql`
      select granted_by_user_id, note from public.ultaura_consents where line_id = ${SEED.lines.rose} and kind = 'reenable_calls'`;
    expect(consent).toEqual({
      granted_by_user_id: SEED.users.demo.id,
      note: "Mum asked us to turn her calls back on",
    });
    const again = await demo("POST", `/lines/${SEED.lines.rose}/reenable-calls`, {
      confirmPersonAgreed: true,
      note: "again",
    });
    expect(again.status).toBe(409);
  });
});

describe("refusals of bad input", () => {
  it("names the field of a malformed body and changes nothing", async () => {
    const demo = await as(SEED.users.demo.email);
    const missing = await demo("POST", "/lines", { phone: phoneNumber(), timezone: "UTC" });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toEqual({ code: "invalid_request", message: "displayName is required." });
    const wrongType = await demo("POST", `/lines/${SEED.lines.rose}/schedules`, {
      daysOfWeek: "monday",
      localTime: "09:00",
    });
    expect(wrongType.body.error.message).toMatch(/^daysOfWeek /);
    const badTime = await demo("POST", `/lines/${SEED.lines.rose}/schedules`, {
      daysOfWeek: [1],
      localTime: "25:00",
    });
    expect(badTime.body.error.message).toBe("localTime must be a time like 09:30 (24-hour HH:MM).");
    const badDay = await demo("PATCH", `/schedules/${SEED.scheduleRoseDaily}`, { daysOfWeek: [7] });
    expect(badDay.body.error.message).toMatch(/^daysOfWeek\.0 /);
    const notJson = await demo("PATCH", `/lines/${SEED.lines.rose}`, "{not json", {
      "content-type": "application/json",
    });
    expect(notJson.status).toBe(400);
    const badId = await demo("GET", "/lines/not-a-uuid");
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toMatch(/^id /);
  });

  it("explains an invalid phone number or time zone in a plain sentence", async () => {
    const demo = await as(SEED.users.demo.email);
    const phone = await demo("PATCH", `/lines/${SEED.lines.rose}`, { phone: "12345" });
    expect(phone.status).toBe(400);
    expect(phone.body.error.code).toBe("invalid_phone");
    expect(phone.body.error.message).toContain("is not a phone number we can call");
    const zone = await demo("PATCH", `/lines/${SEED.lines.rose}`, { timezone: "Mars/Olympus_Mons" });
    expect(zone.status).toBe(400);
    expect(zone.body.error.message).toBe(
      "timezone is not a time zone we know. Pick one like America/New_York.",
    );
    expect((await demo("GET", `/lines/${SEED.lines.rose}`)).body).toMatchObject({
      phone: SEED.phones.rose,
      timezone: "America/Los_Angeles",
    });
  });
});

describe("signing up twice at once", () => {
  it("creates one owned account and answers the other request 409", async () => {
    const session = await api.signUp("twice@example.com");
    const call = api.request(session.access_token);
    const answers = await Promise.all([
      call("POST", "/accounts", { name: "One" }),
      call("POST", "/accounts", { name: "Two" }),
      call("POST", "/accounts", { name: "Three" }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    const [owned] = await database.db.sql`
      select count(*)::int as n from public.ultaura_account_members where user_id = ${session.user.id} and role = 'owner'`;
    expect(owned?.n).toBe(1);
  });
});

describe("pausing calls", () => {
  it("pauses and resumes a verified line's calls", async () => {
    const demo = await as(SEED.users.demo.email);
    const paused = await demo("PATCH", `/lines/${SEED.lines.rose}`, { status: "paused" });
    expect(paused.body.status).toBe("paused");
    const [row] = await database.db
      .sql`select status from public.ultaura_lines where id = ${SEED.lines.rose}`;
    expect(row?.status).toBe("paused");
    expect((await demo("PATCH", `/lines/${SEED.lines.rose}`, { status: "active" })).body.status).toBe(
      "active",
    );
    const disabled = await demo("PATCH", `/lines/${SEED.lines.rose}`, { status: "disabled" });
    expect(disabled.status).toBe(400);
    expect(disabled.body.error.message).toMatch(/^status /);
  });
});
