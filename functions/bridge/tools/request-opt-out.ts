import { z } from "zod";
import { copyFor } from "../../_shared/domain/copy/index.ts";
import { lineLanguage, recordCallEvent } from "../../_shared/domain/sessions/sessions.ts";
import { optOutFromCall } from "../calls/opt-out.ts";
import { defineTool, refusal } from "./tool.ts";

export const requestOptOut = defineTool({
  name: "request_opt_out",
  description:
    'The person asks you to stop calling ("stop calling me", "don\'t call anymore", "take me off the list"). ' +
    "The first call on a call only asks them to confirm (whatever `confirmed` says); call again with " +
    "confirmed=true only after they clearly confirm. A confirmed opt-out stops all calls from Ultaura and ends this call.",
  args: z.object({
    confirmed: z.boolean().describe("True only after the person clearly confirmed they want no more calls"),
  }),
  async handle({ db, log }, session, args) {
    // The two steps are the call's own state, not the model's word: the first request on a call records
    // that we asked and asks; only a later request with confirmed=true records the opt-out.
    // The same words as the keypad path (copy: call.optOutAsk / call.optOutGoodbye), in the line's language.
    const step = await db.asService(async (tx) => {
      const firstAsk = await recordCallEvent(tx, {
        callSessionId: session.id,
        callSid: null,
        type: "bridge.opt_out_asked",
        payload: { confirmedClaimed: args.confirmed },
        dedupeKey: `opt-out-asked:${session.id}`,
      });
      const language = await lineLanguage(tx, session.lineId);
      if (firstAsk || !args.confirmed) return { ask: true as const, language };
      return { ask: false as const, language, ...(await optOutFromCall(tx, session, "voice")) };
    });
    if (step.ask) {
      return refusal("needs_confirmation", copyFor(step.language).call.optOutAsk, { optedOut: false });
    }
    const { language, ask: _ask, ...outcome } = step;
    log.info("opt-out recorded", { callSessionId: session.id, source: "voice", ...outcome });
    return {
      output: { ok: true, optedOut: true },
      followUp: copyFor(language).call.optOutGoodbye,
      endCall: true,
    };
  },
});
