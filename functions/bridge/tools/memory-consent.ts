import { z } from "zod";
import { recordMemoryConsent } from "../memory/consent.ts";
import { defineTool } from "./tool.ts";

/** The person's own answer to "may I remember what we talk about?", with this call as the evidence. */
export const grantMemoryConsent = defineTool({
  name: "grant_memory_consent",
  description:
    "The person has clearly said yes to you remembering what they share. Call only on their own clear yes, " +
    "never on a family member's behalf.",
  args: z.object({}),
  async handle({ db }, session) {
    await db.asService((tx) => recordMemoryConsent(tx, session, true));
    return {
      output: {
        ok: true,
        consent: "granted",
        instruction: "Thank them briefly. You may now use store_memory for things worth remembering.",
      },
    };
  },
});

export const denyMemoryConsent = defineTool({
  name: "deny_memory_consent",
  description:
    "The person has said no (or not now) to you remembering what they share. Respect it: do not store " +
    "anything and do not ask again on this call.",
  args: z.object({}),
  async handle({ db }, session) {
    await db.asService((tx) => recordMemoryConsent(tx, session, false));
    return {
      output: {
        ok: true,
        consent: "denied",
        instruction:
          "Tell them that is perfectly fine and carry on the conversation. Do not use store_memory.",
      },
    };
  },
});
