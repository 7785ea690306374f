import { z } from "zod";
import { lineWords } from "./reminder-target.ts";
import { defineTool } from "./tool.ts";

/**
 * "Yes, I've taken them": marks the reminders given in this call done. The Worker also calls it when the
 * person presses the reminder call's key (`via: "keypad"`, see the context's `keyTools`); then the
 * result's `followUp` is what the model says next.
 */
export const acknowledgeReminder = defineTool({
  name: "acknowledge_reminder",
  description:
    "The person clearly said yes to the reminder given in this call (they have done it, or are doing it " +
    "now). Call it once; then thank them.",
  args: z.object({ via: z.enum(["voice", "keypad"]).default("voice") }),
  async handle({ db, now }, session, args) {
    return db.asService(async (tx) => {
      const { copy } = await lineWords(tx, session);
      const done = await tx`
        update public.ultaura_reminder_occurrences set state = 'acknowledged', acknowledged_at = ${now()},
          acknowledged_by = ${args.via}
        where call_session_id = ${session.id} and state in ('calling', 'in_call')
        returning id`;
      if (done.length === 0) return { output: { ok: true, acknowledged: 0, say: copy.nothingToAcknowledge } };
      return {
        output: { ok: true, acknowledged: done.length },
        ...(args.via === "keypad" ? { followUp: copy.acknowledged } : {}),
      };
    });
  },
});
