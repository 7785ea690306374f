import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { eventually, seededUserToken } from "../support/kit.ts";
import { simulators } from "../support/simulators.ts";

/**
 * Issue 22 on the running stack (Twilio sim → functions → Worker → Grok sim): the model records the call's
 * insights with its tool and the family API shows them; a call the person hangs up on first gets the
 * record from the Grok simulator as a text-only response, stored with `source: "fallback"`.
 */
const { urls, databaseUrl } = inject("stack");
const sim = simulators(urls);
const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
afterAll(() => sql.end());
const grokControl = urls.grokRealtime.replace(/^ws/, "http").replace(/\/v1\/realtime$/, "");

interface GrokSession {
  id: string;
  received: string[];
  responses: { id: string; status: string; text?: string }[];
}
const grokSessions = async () =>
  ((await (await fetch(`${grokControl}/_sim/sessions`)).json()) as { sessions: GrokSession[] }).sessions;

const insightsOf = (callSid: string) =>
  eventually(
    async () =>
      (
        await sql<{ id: string; source: string; mood: number | null }[]>`
        select s.id, i.source, i.mood from ultaura_call_sessions s
        join ultaura_call_insights i on i.call_session_id = s.id
        where s.twilio_call_sid = ${callSid}`
      )[0],
    { until: (row) => row !== undefined, timeoutMs: 30_000 },
  );

describe("call insights through the whole stack", () => {
  it("the model's log_call_insights reaches GET /api/calls/:id with the summary and mood", async () => {
    const summary = "Maria told us about her new neighbour and the soup she made.";
    await sim.grokScript([
      {
        onCallerTurn: 1,
        functionCall: { name: "log_call_insights", arguments: { summary, mood: 5, energy: 4 } },
      },
    ]);
    const call = await sim.call({ from: SEED.phones.paid, seconds: 8, speak: "1-2.5" });
    const stored = await insightsOf(call.callSid);
    expect(stored).toMatchObject({ source: "model", mood: 5 });
    const bearer = await seededUserToken(SEED.users.paid.email);
    const response = await fetch(`${urls.functions}/api/calls/${stored?.id}`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { insights: Record<string, unknown> };
    expect(body.insights).toMatchObject({ summary, mood: 5, energy: 4, source: "model" });
  });

  it("a call the person hangs up first asks the Grok simulator for a text-only record, stored as the fallback", async () => {
    const before = new Set((await grokSessions()).map((session) => session.id));
    const call = await sim.call({ from: SEED.phones.paid, seconds: 5, speak: "1-2.5" });
    expect(call.endedBy).toBe("person");
    const stored = await insightsOf(call.callSid);
    expect(stored).toMatchObject({ source: "fallback", mood: 4 });
    const fresh = (await grokSessions()).filter((session) => !before.has(session.id));
    const textResponses = fresh.flatMap((session) => session.responses.filter((r) => r.text !== undefined));
    expect(textResponses).toHaveLength(1);
    expect(textResponses[0]?.text).toContain('"summary"');
  });
});
