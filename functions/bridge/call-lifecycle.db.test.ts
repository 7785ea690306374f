import { describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import {
  bridgePost,
  callTool,
  startLiveSession,
  useBridgeApp,
  useTestDatabase,
} from "../../tests/support/kit.ts";
import { type CallContext, callContext } from "../_shared/contracts/bridge.ts";
import { memoryRef } from "./memory/refs.ts";

const t = useTestDatabase();
// 18:05 UTC on a Tuesday: 10:05 in Rose's Los Angeles.
const now = new Date("2026-03-03T18:05:00Z");
const bridge = useBridgeApp(t, { now: () => now });

const summary = (endReason: string) => ({
  endReason,
  streamSeconds: 42,
  callerTurns: 4,
  assistantTurns: 5,
  bargeIns: 1,
  toolCalls: 0,
  firstAudioMs: 350,
});

describe("context", () => {
  it("gives Rose's call everything the Worker needs, built in her zone", async () => {
    const session = await startLiveSession(t.db, { accountId: SEED.accounts.demo, lineId: SEED.lines.rose });
    const { response } = await bridgePost(bridge.app, `sessions/${session}/context`, {});
    expect(response.status).toBe(200);
    const wire = (await response.json()) as Record<string, unknown>;
    // The Worker gets the finished instructions and tool schemas, nothing of what they were built from.
    expect(Object.keys(wire).sort()).toEqual(
      [
        "accountId",
        "apology",
        "callSessionId",
        "direction",
        "instructions",
        "insightsRequest",
        "language",
        "lineId",
        "minutes",
        "phrases",
        "timezone",
        "tools",
        "voice",
      ].sort(),
    );
    const context = callContext.parse(wire);
    expect(context).toMatchObject({
      callSessionId: session,
      lineId: SEED.lines.rose,
      accountId: SEED.accounts.demo,
      language: "en-US",
      timezone: "America/Los_Angeles",
      voice: "ara",
    });
    expect(context.minutes).toMatchObject({ planKind: "trial", hardCutoff: true });
    expect(context.minutes.secondsRemaining).toBeLessThanOrEqual(20 * 60);
    const garden = await memoryRef(SEED.memories.roseGarden);
    const secret = await memoryRef(SEED.memories.rosePrivate);
    expect(context.instructions).toContain("Rosie");
    expect(context.instructions).toContain("Tuesday, March 3, 2026 at 10:05 AM");
    expect(context.instructions).toContain("gardening");
    expect(context.instructions).toContain(`[${garden}]`);
    expect(context.instructions).toContain(`[${secret}] (health_note, private`);
    expect(context.instructions).toContain("This is your first call");
    expect(context.tools.map((tool) => tool.name)).toEqual([
      "grant_memory_consent",
      "deny_memory_consent",
      "store_memory",
      "update_memory",
      "recall_memory",
      "forget_memory",
      "mark_private",
      "request_opt_out",
      "log_safety_concern",
      "log_call_insights",
      "set_reminder",
      "list_reminders",
      "move_reminder",
      "cancel_reminder",
      "acknowledge_reminder",
    ]);
    const store = context.tools.find((tool) => tool.name === "store_memory");
    expect(store?.parameters).toMatchObject({
      type: "object",
      required: expect.arrayContaining(["text", "kind"]),
    });
    expect(Object.values(context.phrases).every((phrase) => phrase.length > 0)).toBe(true);
  });

  it("gives Maria (care plan, Spanish) Spanish guidance, no countdown, her last calls and no memories without consent", async () => {
    const session = await startLiveSession(t.db, {
      accountId: SEED.accounts.paid,
      lineId: SEED.lines.paid,
      direction: "inbound",
    });
    // Maria calling from her own phone (A-attested): an unattested call would count down (see unattested-minutes).
    await t.db.sql`update public.ultaura_call_sessions set caller_trust = 'attested' where id = ${session}`;
    const context: CallContext = callContext.parse(
      await (await bridgePost(bridge.app, `sessions/${session}/context`, {})).response.json(),
    );
    expect(context.minutes).toEqual({ planKind: "paid", secondsRemaining: null, hardCutoff: false });
    expect(context.instructions).toContain("Habla siempre en español");
    expect(context.instructions).toMatch(/llamaste tú|te llamó/);
    expect(context.apology).toMatch(/^Lo siento, Maria/);
  });
});

describe("minutes", () => {
  it("counts this call's running time against a trial's remaining minutes", async () => {
    const session = await startLiveSession(t.db, {
      accountId: SEED.accounts.low,
      lineId: SEED.lines.low,
      secondsAgo: 0,
    });
    await t.db
      .sql`update public.ultaura_call_sessions set answered_at = ${new Date(now.getTime() - 25_000)} where id = ${session}`;
    const status = await (await bridgePost(bridge.app, `sessions/${session}/minutes`, {})).json();
    expect(status).toEqual({ planKind: "trial", secondsRemaining: 35, hardCutoff: true });
  });
});

describe("opting out", () => {
  it("asks first, then on confirmation stops calls, cancels pending ones and ends the call", async () => {
    const session = await startLiveSession(t.db, { accountId: SEED.accounts.demo, lineId: SEED.lines.rose });
    const [pending] = await t.db.sql<{ id: string }[]>`
      insert into public.ultaura_call_sessions (account_id, line_id, direction, status, schedule_id)
      values (${SEED.accounts.demo}, ${SEED.lines.rose}, 'outbound', 'created', ${SEED.scheduleRoseDaily}) returning id`;
    const ask = await callTool(bridge.app, session, "request_opt_out", { confirmed: false });
    expect(ask.body.output).toMatchObject({ ok: false, reason: "needs_confirmation", optedOut: false });
    expect(ask.body.endCall).toBeUndefined();
    expect(
      (await t.db.sql`select do_not_call from public.ultaura_lines where id = ${SEED.lines.rose}`)[0]
        ?.do_not_call,
    ).toBe(false);

    const confirmed = await callTool(bridge.app, session, "request_opt_out", { confirmed: true });
    expect(confirmed.body).toMatchObject({ output: { ok: true, optedOut: true }, endCall: true });
    expect(
      (await t.db.sql`select do_not_call from public.ultaura_lines where id = ${SEED.lines.rose}`)[0]
        ?.do_not_call,
    ).toBe(true);
    const optOuts = await t.db
      .sql`select source, call_session_id, phone_e164 from public.ultaura_opt_outs where line_id = ${SEED.lines.rose}`;
    expect(optOuts).toEqual([{ source: "voice", call_session_id: session, phone_e164: SEED.phones.rose }]);
    const [cancelled] = await t.db
      .sql`select status, end_reason from public.ultaura_call_sessions where id = ${pending?.id ?? ""}`;
    expect(cancelled).toEqual({ status: "canceled", end_reason: "opt_out" });

    await callTool(bridge.app, session, "request_opt_out", { confirmed: true });
    expect(
      (await t.db.sql`select 1 from public.ultaura_opt_outs where line_id = ${SEED.lines.rose}`).length,
    ).toBe(1);
  });

  it("a first request that claims confirmation still only asks; the second in the same call confirms", async () => {
    const session = await startLiveSession(t.db, { accountId: SEED.accounts.demo, lineId: SEED.lines.rose });
    const first = await callTool(bridge.app, session, "request_opt_out", { confirmed: true });
    expect(first.body.output).toMatchObject({ ok: false, reason: "needs_confirmation", optedOut: false });
    expect(first.body.endCall).toBeUndefined();
    const optOuts = () =>
      t.db.sql`select source from public.ultaura_opt_outs where line_id = ${SEED.lines.rose}`;
    expect(await optOuts()).toEqual([]);

    // Another call's ask does not count for this one.
    const other = await startLiveSession(t.db, { accountId: SEED.accounts.paid, lineId: SEED.lines.paid });
    await callTool(bridge.app, other, "request_opt_out", { confirmed: false });

    const second = await callTool(bridge.app, session, "request_opt_out", { confirmed: true });
    expect(second.body).toMatchObject({ output: { ok: true, optedOut: true }, endCall: true });
    expect(await optOuts()).toEqual([{ source: "voice" }]);
    const [paidLine] = await t.db
      .sql`select do_not_call from public.ultaura_lines where id = ${SEED.lines.paid}`;
    expect(paidLine?.do_not_call).toBe(false);
  });

  it("the key-press path has the same effect, with source dtmf", async () => {
    const session = await startLiveSession(t.db, { accountId: SEED.accounts.paid, lineId: SEED.lines.paid });
    const response = await bridgePost(bridge.app, `sessions/${session}/opt-out`, {});
    expect(await response.json()).toEqual({ ok: true });
    const [line] = await t.db.sql`select do_not_call from public.ultaura_lines where id = ${SEED.lines.paid}`;
    expect(line?.do_not_call).toBe(true);
    const optOuts = await t.db
      .sql`select source from public.ultaura_opt_outs where call_session_id = ${session}`;
    expect(optOuts).toEqual([{ source: "dtmf" }]);
  });
});

describe("call end", () => {
  it("records the summary once and sets the end reason only if none is set", async () => {
    const session = await startLiveSession(t.db, { accountId: SEED.accounts.demo, lineId: SEED.lines.rose });
    expect(
      await (await bridgePost(bridge.app, `sessions/${session}/end`, summary("caller_silent"))).json(),
    ).toEqual({ ok: true });
    expect(
      (await bridgePost(bridge.app, `sessions/${session}/end`, summary("stream_error"))).response.status,
    ).toBe(200);
    const [row] = await t.db.sql`select end_reason from public.ultaura_call_sessions where id = ${session}`;
    expect(row?.end_reason).toBe("caller_silent");
    const events = await t.db
      .sql`select payload from public.ultaura_call_events where call_session_id = ${session} and type = 'bridge.summary'`;
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toMatchObject({ endReason: "caller_silent", bargeIns: 1, firstAudioMs: 350 });
  });

  it("records a model failure as ai_unavailable and keeps a reason Twilio's path already set", async () => {
    const failed = await startLiveSession(t.db, { accountId: SEED.accounts.demo, lineId: SEED.lines.rose });
    await bridgePost(bridge.app, `sessions/${failed}/end`, summary("ai_unavailable"));
    const voicemail = await startLiveSession(t.db, {
      accountId: SEED.accounts.paid,
      lineId: SEED.lines.paid,
    });
    await t.db.sql`update public.ultaura_call_sessions set end_reason = 'voicemail' where id = ${voicemail}`;
    await bridgePost(bridge.app, `sessions/${voicemail}/end`, summary("caller_hangup"));
    const rows = await t.db
      .sql`select id, end_reason from public.ultaura_call_sessions where id in (${failed}, ${voicemail})`;
    expect(Object.fromEntries(rows.map((r) => [r.id, r.end_reason]))).toEqual({
      [failed]: "ai_unavailable",
      [voicemail]: "voicemail",
    });
  });

  it("a call that ended with opt_out leaves do_not_call and one opt-out even when the keypad request was lost", async () => {
    const session = await startLiveSession(t.db, { accountId: SEED.accounts.paid, lineId: SEED.lines.paid });
    await bridgePost(bridge.app, `sessions/${session}/end`, summary("opt_out"));
    await bridgePost(bridge.app, `sessions/${session}/end`, summary("opt_out"));
    const [line] = await t.db.sql`select do_not_call from public.ultaura_lines where id = ${SEED.lines.paid}`;
    expect(line?.do_not_call).toBe(true);
    const optOuts = await t.db
      .sql`select source, call_session_id from public.ultaura_opt_outs where line_id = ${SEED.lines.paid}`;
    expect(optOuts).toEqual([{ source: "dtmf", call_session_id: session }]);
  });

  it("an opt_out end after the keypad's opt-out was recorded adds nothing", async () => {
    const session = await startLiveSession(t.db, { accountId: SEED.accounts.paid, lineId: SEED.lines.paid });
    expect(await (await bridgePost(bridge.app, `sessions/${session}/opt-out`, {})).json()).toEqual({
      ok: true,
    });
    await bridgePost(bridge.app, `sessions/${session}/end`, summary("opt_out"));
    const optOuts = await t.db
      .sql`select source from public.ultaura_opt_outs where line_id = ${SEED.lines.paid}`;
    expect(optOuts).toEqual([{ source: "dtmf" }]);
  });

  it("refuses an end report that breaks the contract", async () => {
    const session = await startLiveSession(t.db, { accountId: SEED.accounts.demo, lineId: SEED.lines.rose });
    expect((await bridgePost(bridge.app, `sessions/${session}/end`, summary("bored"))).response.status).toBe(
      400,
    );
  });
});

describe("events the Worker reports", () => {
  it("records them in the call's event log, also after the call ended", async () => {
    const session = await startLiveSession(t.db, { accountId: SEED.accounts.demo, lineId: SEED.lines.rose });
    const failed = { event: "grok_failed", level: "warn", data: { why: "refused 503", conn: 1 } };
    expect((await bridgePost(bridge.app, `sessions/${session}/events`, failed)).response.status).toBe(200);
    await bridgePost(bridge.app, `sessions/${session}/end`, summary("ai_unavailable"));
    const late = { event: "twilio_hangup_failed", level: "warn" };
    expect((await bridgePost(bridge.app, `sessions/${session}/events`, late)).response.status).toBe(200);
    const events = await t.db.sql`
      select type, payload from ultaura_call_events where call_session_id = ${session} and type like 'bridge.%'
      order by id`;
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["bridge.grok_failed", "bridge.twilio_hangup_failed"]),
    );
    expect(events.find((e) => e.type === "bridge.grok_failed")?.payload).toEqual({
      level: "warn",
      why: "refused 503",
      conn: 1,
    });
  });

  it("refuses a malformed event and records nothing", async () => {
    const session = await startLiveSession(t.db, { accountId: SEED.accounts.demo, lineId: SEED.lines.rose });
    const { response } = await bridgePost(bridge.app, `sessions/${session}/events`, {
      event: "Not An Event!",
      level: "warn",
    });
    expect(response.status).toBe(400);
    const [row] = await t.db
      .sql`select count(*)::int as n from ultaura_call_events where call_session_id = ${session} and type like 'bridge.%'`;
    expect(row?.n).toBe(0);
  });
});
