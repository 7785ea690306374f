import type { CallSummary } from "../../simulators/twilio/carrier/summary.ts";

/** Test access to the running simulators' control surfaces (`/_sim/…`), over real HTTP. */
export function simulators(urls: { twilioApi: string; grokRealtime: string }) {
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
    grokFault: (fault: { mode: "none" | "refuse" | "stall" } | { mode: "drop"; afterMs: number }) =>
      post(`${grokControl}/_sim/fault`, fault),
  };
}
