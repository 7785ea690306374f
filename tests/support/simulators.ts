import type { CallSummary } from "../../simulators/twilio/carrier/summary.ts";

/** Test access to the running simulators' control surfaces (`/_sim/…`), over real HTTP. */
export function simulators(urls: { twilioApi: string; grokRealtime: string }) {
  const read = async <T>(url: string): Promise<T> => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  const grokControl = urls.grokRealtime.replace(/^ws/, "http").replace(/\/v1\/realtime$/, "");
  const post = async (url: string, body: unknown) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
    return response.json();
  };
  return {
    /** Places an inbound call through the Twilio simulator and waits for its summary. */
    call: (options: { from: string; seconds?: number; speak?: string; dtmf?: string }) =>
      post(`${urls.twilioApi}/_sim/calls/inbound`, options) as Promise<CallSummary>,
    /** Queues Grok simulator cues (simulators/grok/script.ts): transcripts, function calls, text replies. */
    grokScript: (cues: unknown[]) => post(`${grokControl}/_sim/script`, { cues }),
    /** The calls so far, live ones included (their summaries grow while they run). */
    calls: async () => (await read<{ calls: CallSummary[] }>(`${urls.twilioApi}/_sim/calls`)).calls,
    grokFault: (
      fault:
        | { mode: "none" | "refuse" | "stall" }
        | { mode: "stall"; only: "open" }
        | { mode: "drop"; afterMs: number },
    ) => post(`${grokControl}/_sim/fault`, fault),
    /** Each Grok session: the client event types it received, the text messages and function results it was given. */
    grokSessions: async () =>
      (
        await read<{
          sessions: {
            id: string;
            open: boolean;
            received: string[];
            messages: { role: string; text: string }[];
            functionOutputs: { callId: string; output: string }[];
          }[];
        }>(`${grokControl}/_sim/sessions`)
      ).sessions,
    /** The next `count` Twilio REST requests whose path contains `path` (and of `method`) fail with `status`. */
    twilioRestFault: (fault: {
      path: string;
      method?: "GET" | "POST";
      status?: 429 | 500 | 503;
      count?: number;
    }) => post(`${urls.twilioApi}/_sim/faults/rest`, fault),
  };
}
