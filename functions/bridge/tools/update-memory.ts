import { z } from "zod";
import { listLineMemories, updateMemoryText } from "../../_shared/domain/memory/store.ts";
import { loadMemoryConsent } from "../memory/consent.ts";
import { resolveMemoryRef } from "../memory/refs.ts";
import { defineTool, refusal } from "./tool.ts";

export const updateMemory = defineTool({
  name: "update_memory",
  description:
    "Correct a memory the person says is wrong or out of date, by its id from your notes. Write the whole " +
    "corrected note.",
  args: z.object({
    memoryId: z.string().max(64).describe("The memory's id in brackets from your notes"),
    text: z.string().trim().min(3).max(500).describe("The corrected note, in full"),
  }),
  async handle({ db, keyring, now }, session, args) {
    return db.asService(async (tx) => {
      const consent = await loadMemoryConsent(tx, session.lineId, now());
      if (consent.state !== "granted") {
        return refusal(
          "no_consent",
          "Nothing may be remembered without their agreement; nothing was changed.",
          { updated: false },
        );
      }
      const memories = await listLineMemories(tx, keyring, session.accountId, session.lineId);
      const resolved = await resolveMemoryRef(args.memoryId, memories);
      if (resolved.kind === "not_found") {
        return refusal(
          "not_found",
          "No memory with that id was found for this person. Nothing was changed.",
          {
            updated: false,
          },
        );
      }
      if (resolved.kind !== "found") {
        return refusal(
          resolved.kind === "malformed" ? "bad_id" : "ambiguous",
          "Use the exact id shown in brackets in your notes. Nothing was changed.",
          { updated: false },
        );
      }
      await updateMemoryText(tx, keyring, resolved.item, args.text);
      return { output: { ok: true, updated: true } };
    });
  },
});
