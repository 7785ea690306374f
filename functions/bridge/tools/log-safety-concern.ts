import { z } from "zod";
import { promptLanguage } from "../prompt/local-time.ts";
import { safetyAlertText, sendSafetyAlerts, tellMembers } from "../safety/alerts.ts";
import { alertRecipients, claimCallAlert, recordModelConcern, releaseCallAlert } from "../safety/events.ts";
import { defineTool } from "./tool.ts";

const ACTIONS = [
  "none",
  "listened_and_checked_in",
  "suggested_988",
  "suggested_911",
  "suggested_family",
] as const;

// Always in the output, whatever else happens: the model must never be left without the protocol.
const GUIDANCE =
  "Stay calm, warm and with them. If there is immediate danger or a medical emergency, urge them to call 911 " +
  "now. For thoughts of suicide or emotional crisis, encourage them to call or text 988, any time. Do not " +
  "end the call abruptly.";

export const logSafetyConcern = defineTool({
  name: "log_safety_concern",
  description:
    "Record a safety concern you noticed. tier: low = persistent loneliness or sadness; medium = " +
    "hopelessness or distress; high = talk of self-harm or suicide, or an emergency. Not for ordinary sad " +
    "moments. High tier alerts the family's trusted contacts.",
  args: z.object({
    tier: z.enum(["low", "medium", "high"]),
    signals: z
      .array(z.string().trim().min(1).max(80))
      .min(1)
      .max(5)
      .describe("Short labels of what you noticed, e.g. 'hopelessness' — not their words, nothing private"),
    actionTaken: z.enum(ACTIONS).describe("What you did or recommended"),
  }),
  async handle({ db, sms, log }, session, args) {
    const planned = await db.asService(async (tx) => {
      const eventId = await recordModelConcern(tx, session, args);
      if (args.tier !== "high") return { eventId, recipients: [], language: "en" as const, name: "" };
      const [line] = await tx<{ name: string; language: string }[]>`
        select coalesce(preferred_name, display_name) as name, language from public.ultaura_lines
        where id = ${session.lineId}`;
      const name = line?.name ?? "";
      const language = promptLanguage(line?.language ?? "en");
      const recipients = await alertRecipients(tx, session, "high");
      if (recipients.length === 0 || !(await claimCallAlert(tx, session.id, eventId))) {
        return { eventId, recipients: [], language, name };
      }
      return { eventId, recipients, language, name };
    });
    // Texts go out after the commit, so an alert is never sent for an event that was rolled back.
    const alerts =
      planned.recipients.length > 0
        ? await sendSafetyAlerts(
            sms,
            planned.recipients,
            safetyAlertText(planned.name, planned.language),
            log,
          )
        : { sent: 0, failed: 0 };
    if (alerts.failed > 0 && alerts.sent === 0)
      await db.asService((tx) => releaseCallAlert(tx, planned.eventId));
    if (args.tier === "high") await tellMembers({ db, sms, log }, session, "high", planned.name);
    log.warn("safety concern", {
      callSessionId: session.id,
      tier: args.tier,
      eventId: planned.eventId,
      ...alerts,
    });
    return {
      output: { ok: true, logged: true, tier: args.tier, contactsAlerted: alerts.sent, guidance: GUIDANCE },
      ...(args.tier === "high"
        ? { followUp: `Safety first. ${GUIDANCE} Ask whether they are safe right now.` }
        : {}),
    };
  },
});
