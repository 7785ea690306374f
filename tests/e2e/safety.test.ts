import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { orRefuse } from "../../functions/api/refusals.ts";
import { listSafetyEvents } from "../../functions/api/safety/family.ts";
import { SEED } from "../../supabase/seed-ids.ts";
import { eventually } from "../support/kit.ts";
import { simulators } from "../support/simulators.ts";

// A caller's words reach the transcript route the way they would in production: the Twilio simulator
// places the call and plays speech, the Grok simulator turns it into the scripted transcript, the Worker
// posts it to functions/bridge, and the backstop's hint goes back to Grok as a system message.
const { urls, databaseUrl } = inject("stack");
const sim = simulators(urls);
const grokControl = urls.grokRealtime.replace(/^ws/, "http").replace(/\/v1\/realtime$/, "");
const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
afterAll(() => sql.end());

async function json<T>(url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

interface GrokSession {
  messages: { role: string; text: string; afterCallerTurn: number }[];
}
interface Sms {
  to: string;
  body: string;
}

const textsTo = async (to: string) =>
  (await json<{ messages: Sms[] }>(`${urls.twilioApi}/_sim/messages?to=${encodeURIComponent(to)}`)).messages;

describe("an emergency on a call, through the simulators", () => {
  it('"I fell and I can\'t get up": the model is told at once, the contact gets one text, the family sees it', async () => {
    const textsBefore = (await textsTo(SEED.phones.daniel)).length;
    await json(`${grokControl}/_sim/script`, {
      cues: [{ onCallerTurn: 1, transcript: "I fell and I can't get up" }],
    });
    // The call stays up long enough for the transcript → backstop → hint round trip on a loaded machine.
    const summary = await sim.call({ from: SEED.phones.rose, seconds: 20, speak: "1-2.5" });
    expect(summary.streams[0]?.handshakeError).toBeNull();

    // The model got the emergency instruction right after the caller's first turn, before any other.
    const { sessions } = await json<{ sessions: GrokSession[] }>(`${grokControl}/_sim/sessions`);
    const hinted = sessions
      .flatMap((session) => session.messages)
      .filter((message) => message.role === "system" && /EMERGENCY/.test(message.text));
    expect(hinted).toHaveLength(1);
    expect(hinted[0]?.afterCallerTurn).toBe(1);
    expect(hinted[0]?.text).toMatch(/911/);

    // Daniel, Rose's son, opted in to the high tier: one text, in plain words.
    // The texts go out after the route's transaction, not on a timer.
    const texts = await eventually(() => textsTo(SEED.phones.daniel), {
      until: (list) => list.length > textsBefore,
    });
    expect(texts.slice(textsBefore)).toHaveLength(1);
    expect(texts[textsBefore]?.body).toContain("Rosie said they had fallen and could not get up");

    // Logged with its tier and the call flagged; the family's query shows it with the guidance given.
    const [call] = await sql`
      select id, safety_tier::text from ultaura_call_sessions where twilio_call_sid = ${summary.callSid}`;
    expect(call?.safety_tier).toBe("emergency");
    const family = await sql.begin(async (tx) => {
      const claims = { sub: SEED.users.demo.id, role: "authenticated", aud: "authenticated" };
      await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
      await tx`set local role authenticated`;
      return orRefuse(await listSafetyEvents(tx, { lineId: SEED.lines.rose, limit: 10 }));
    });
    const event = family.items.find((item) => item.callId === call?.id);
    expect(event).toMatchObject({ tier: "emergency", source: "keyword", actionTaken: "urged_911" });
    expect(event?.guidance).toMatch(/911/);
    expect(event?.contactsNotifiedAt).not.toBeNull();
  });
});
