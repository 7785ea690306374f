import { request } from "node:http";
import { parseArgs } from "node:util";
import type { SimulatorCommand } from "../cli-kit.ts";
import type { CallSummary } from "./carrier/summary.ts";
import type { VerificationCode } from "./control/routes.ts";

const defaultSimUrl = () =>
  process.env.TWILIO_SIM_URL ?? `http://127.0.0.1:${process.env.TWILIO_SIM_PORT ?? "4010"}`;

/** `npm run sim -- call …` and `npm run sim -- codes …`, talking to the running simulator's `/_sim` API. */
export const twilioCommands: Record<string, SimulatorCommand> = {
  call: {
    usage:
      "call --from +15555550100 [--to <our number>] [--seconds 30] [--speak 1-2,4-5] [--dtmf 9@3,9@6] [--machine] [--full] [--sim-url URL]",
    summary: "place an inbound call through the running Twilio simulator and print what happened",
    async run(args) {
      const { values } = parseArgs({
        args,
        options: {
          from: { type: "string" },
          to: { type: "string" },
          seconds: { type: "string", default: "30" },
          speak: { type: "string" },
          dtmf: { type: "string" },
          machine: { type: "boolean", default: false },
          full: { type: "boolean", default: false },
          "sim-url": { type: "string", default: defaultSimUrl() },
        },
      });
      if (!values.from) throw new Error("--from is required, e.g. --from +15555550100");
      const seconds = Number(values.seconds);
      if (!(seconds > 0)) throw new Error(`--seconds must be a positive number, got ${values.seconds}`);
      const body = {
        from: values.from,
        seconds,
        ...(values.to ? { to: values.to } : {}),
        ...(values.speak ? { speak: values.speak } : {}),
        ...(values.dtmf ? { dtmf: values.dtmf } : {}),
        ...(values.machine ? { kind: "machine" } : {}),
      };
      const summary = (await callSim(values["sim-url"], "POST", "/_sim/calls/inbound", body)) as CallSummary;
      console.log(JSON.stringify(values.full ? summary : brief(summary), null, 2));
      return 0;
    },
  },
  codes: {
    usage: "codes [--to +15555550100] [--sim-url URL]",
    summary: "list Verify codes the Twilio simulator has sent, newest first",
    async run(args) {
      const { values } = parseArgs({
        args,
        options: { to: { type: "string" }, "sim-url": { type: "string", default: defaultSimUrl() } },
      });
      const query = values.to ? `?to=${encodeURIComponent(values.to)}` : "";
      const { codes } = (await callSim(values["sim-url"], "GET", `/_sim/verify/codes${query}`)) as {
        codes: VerificationCode[];
      };
      if (codes.length === 0) console.log("no verification codes sent yet");
      for (const c of codes) console.log(`${c.createdAt}  ${c.to}  ${c.code}  ${c.channel}  ${c.status}`);
      return 0;
    },
  },
};

/** The summary without the per-message noise: what a person checking a call wants to see. */
export function brief(summary: CallSummary) {
  return {
    callSid: summary.callSid,
    status: summary.status,
    durationSeconds: summary.durationSeconds,
    endedBy: summary.endedBy,
    endReason: summary.endReason,
    firstAudioLatencyMs: summary.firstAudioLatencyMs,
    twiml: summary.twiml,
    said: summary.said,
    streams: summary.streams.map((s) => ({
      url: s.url,
      handshakeError: s.handshakeError,
      sent: s.sent,
      received: s.received,
      events: s.events,
      audioReceivedMs: s.audioReceivedMs,
      audioClearedMs: s.audioClearedMs,
      clearsAtMs: s.clearsAtMs,
      protocolErrors: s.protocolErrors,
      closedBy: s.closedBy,
      durationMs: s.durationMs,
    })),
    statusCallbacks: summary.statusCallbacks.map((d) => ({
      sequenceNumber: d.sequenceNumber,
      callStatus: d.callStatus,
      httpStatus: d.httpStatus,
      error: d.error,
    })),
  };
}

/** Plain node:http so a long call is not cut off by fetch's header timeout. */
function callSim(base: string, method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, headers: payload ? { "content-type": "application/json" } : {} },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => {
          if ((res.statusCode ?? 500) >= 400)
            reject(new Error(`simulator answered ${res.statusCode}: ${text}`));
          else resolve(JSON.parse(text));
        });
      },
    );
    req.on("error", (error) =>
      reject(
        new Error(
          `cannot reach the Twilio simulator at ${base} (is \`npm start\` running?): ${error.message}`,
        ),
      ),
    );
    req.end(payload);
  });
}
