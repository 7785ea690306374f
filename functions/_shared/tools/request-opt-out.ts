import { z } from "zod";
import { optOutFromCall } from "../calls/opt-out.ts";
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
    if (!args.confirmed) {
      return refusal(
        "needs_confirmation",
        "Ask kindly, in one short sentence, whether they want Ultaura to stop calling them altogether. " +
          "If they clearly say yes, call request_opt_out again with confirmed=true.",
        { optedOut: false },
      );
    }
    const outcome = await db.asService((tx) => optOutFromCall(tx, session, "voice"));
    log.info("opt-out recorded", { callSessionId: session.id, source: "voice", ...outcome });
    return {
      output: { ok: true, optedOut: true },
      followUp:
        "They confirmed they want no more calls. Tell them kindly that Ultaura will not call again and that " +
        "their family can turn calls back on if they change their mind. Then say goodbye.",
      endCall: true,
    };
  },
});
