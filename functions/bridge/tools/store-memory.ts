import { z } from "zod";
import { createMemory, listLineMemories, updateMemoryText } from "../../_shared/domain/memory/store.ts";
import { loadMemoryConsent } from "../memory/consent.ts";
import { sameMemoryText } from "../memory/match.ts";
import { refreshMemory } from "../memory/mutations.ts";
import { memoryRef } from "../memory/refs.ts";
import { defineTool, refusal } from "./tool.ts";

export const MEMORY_KINDS = ["fact", "preference", "person", "event", "health_note"] as const;

export const storeMemory = defineTool({
  name: "store_memory",
  description:
    "Remember something the person shared that is worth bringing up on a later call: a person in their " +
    "life, a preference, an upcoming event, how they are. Write it as a short third-person note. Only after " +
    "they agreed to be remembered. Set private=true when they asked that their family not know.",
  args: z.object({
    text: z
      .string()
      .trim()
      .min(3)
      .max(500)
      .describe("A short note, e.g. 'Her grandson Leo starts college in May'"),
    kind: z.enum(MEMORY_KINDS).describe("fact, preference, person, event or health_note"),
    private: z.boolean().default(false).describe("True when they asked to keep it from their family"),
  }),
  async handle({ db, keyring, now }, session, args) {
    return db.asService(async (tx) => {
      const consent = await loadMemoryConsent(tx, session.lineId, now());
      if (consent.state !== "granted") {
        return refusal(
          "no_consent",
          consent.state === "denied"
            ? "They said they do not want things remembered. Nothing was stored; do not try again."
            : "You may not remember anything until they agree. Nothing was stored. Ask them first, if the moment is right.",
          { stored: false },
        );
      }
      const memories = await listLineMemories(tx, keyring, session.accountId, session.lineId);
      const duplicate = memories.find((memory) => sameMemoryText(memory.text, args.text));
      if (duplicate) {
        // Said again: refresh the one memory rather than pile up copies.
        await updateMemoryText(tx, keyring, duplicate, args.text);
        await refreshMemory(tx, keyring, duplicate, { kind: args.kind, private: args.private });
        return { output: { ok: true, stored: true, updated: true, memoryId: await memoryRef(duplicate.id) } };
      }
      const id = await createMemory(tx, keyring, {
        accountId: session.accountId,
        lineId: session.lineId,
        kind: args.kind,
        text: args.text,
        private: args.private,
        sourceCallSessionId: session.id,
      });
      return { output: { ok: true, stored: true, updated: false, memoryId: await memoryRef(id) } };
    });
  },
});
