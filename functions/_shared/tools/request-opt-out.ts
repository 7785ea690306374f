import { z } from "zod";
import { optOutFromCall } from "../calls/opt-out.ts";
import { lineLanguage } from "../calls/sessions.ts";
import { copyFor } from "../copy/index.ts";
import { defineTool, refusal } from "./tool.ts";

export const requestOptOut = defineTool({
  name: "request_opt_out",
  description:
    'The person asks you to stop calling ("stop calling me", "don\'t call anymore", "take me off the list"). ' +
    "First call with confirmed=false and ask them to confirm; call with confirmed=true only after they " +
    "clearly confirm. A confirmed opt-out stops all calls from Ultaura and ends this call.",
  args: z.object({
    confirmed: z.boolean().describe("True only after the person clearly confirmed they want no more calls"),
  }),
  async handle({ db, log }, session, args) {
    // The same words as the keypad path (copy: call.optOutAsk / call.optOutGoodbye), in the line's language.
    if (!args.confirmed) {
      const language = await db.asService((tx) => lineLanguage(tx, session.lineId));
      return refusal("needs_confirmation", copyFor(language).call.optOutAsk, { optedOut: false });
    }
    const { language, ...outcome } = await db.asService(async (tx) => ({
      ...(await optOutFromCall(tx, session, "voice")),
      language: await lineLanguage(tx, session.lineId),
    }));
    log.info("opt-out recorded", { callSessionId: session.id, source: "voice", ...outcome });
    return {
      output: { ok: true, optedOut: true },
      followUp: copyFor(language).call.optOutGoodbye,
      endCall: true,
    };
  },
});
