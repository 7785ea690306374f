import { z } from "zod";

/**
 * What a call's insights record may hold, as the model sends it (the `log_call_insights` tool, or the
 * text-only answer the bridge asks for when the call ended first). Every field is optional; what is given
 * must be valid or the whole record is refused (the model is told what to correct).
 */
const label = z.string().trim().min(1).max(40);

export const CONCERN_TIERS = ["low", "medium", "high", "emergency"] as const;

export const insightsArgs = z.object({
  summary: z
    .string()
    .trim()
    .min(1)
    .max(400)
    .optional()
    .describe("Two or three warm sentences for the family, in the family's language; nothing private"),
  mood: z.number().int().min(1).max(5).optional().describe("1 = very low … 5 = very good"),
  energy: z.number().int().min(1).max(5).optional().describe("1 = very tired … 5 = lively"),
  topics: z.array(label).max(6).optional().describe("Up to 6 short labels, e.g. 'garden', 'grandson Leo'"),
  followUps: z
    .array(z.string().trim().min(1).max(120))
    .max(3)
    .optional()
    .describe("Up to 3 things to ask about next time, e.g. 'how her knee is'"),
  familyNote: z
    .string()
    .trim()
    .min(1)
    .max(280)
    .optional()
    .describe("Something they asked you to pass on to their family"),
  concerns: z
    .array(z.object({ tier: z.enum(CONCERN_TIERS), label: z.string().trim().min(1).max(60) }))
    .max(4)
    .optional()
    .describe("Worries over the whole call: tier and a short label, no private words"),
  deliveredMessages: z
    .array(z.string().trim().min(1).max(40))
    .max(10)
    .optional()
    .describe("Ids (in brackets) of the family messages you passed on during this call"),
});

export type InsightsArgs = z.infer<typeof insightsArgs>;

/** Nothing worth a record: a call too short to have content. */
export function isEmptyRecord(args: InsightsArgs): boolean {
  return (
    args.summary === undefined &&
    args.mood === undefined &&
    args.energy === undefined &&
    (args.topics ?? []).length === 0 &&
    (args.followUps ?? []).length === 0 &&
    args.familyNote === undefined &&
    (args.concerns ?? []).length === 0 &&
    (args.deliveredMessages ?? []).length === 0
  );
}
