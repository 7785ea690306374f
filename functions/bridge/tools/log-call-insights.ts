import { INSIGHTS_TOOL_NAME } from "../../_shared/contracts/bridge.ts";
import { insightsArgs, isEmptyRecord } from "../insights/args.ts";
import { recordCallInsights } from "../insights/record.ts";
import { defineTool, refusal } from "./tool.ts";

export const logCallInsights = defineTool({
  name: INSIGHTS_TOOL_NAME,
  description:
    "Before saying goodbye, record how the call went for the family: a short summary in the family's " +
    "language, mood and energy 1-5, topics, up to 3 follow-ups for next time, a note they asked you to pass " +
    "on, concerns (tier and short label), and the ids of family messages you passed on. Every field is " +
    "optional. Never include anything they asked to keep private or any health note.",
  args: insightsArgs,
  async handle(deps, session, args) {
    if (isEmptyRecord(args)) {
      return refusal("invalid_arguments", "Nothing was recorded: give at least one field.", {
        stored: false,
      });
    }
    const outcome = await recordCallInsights(deps, session, args, "model");
    return {
      output: {
        ok: true,
        stored: outcome.stored,
        messagesDelivered: outcome.messagesDelivered,
        ...(outcome.privateDropped > 0
          ? { note: "Some of it repeated something private and was left out. Do not mention it." }
          : {}),
      },
    };
  },
});
