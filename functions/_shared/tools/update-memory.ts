import { z } from "zod";
import { loadMemoryConsent } from "../memory/consent.ts";
import { resolveMemoryRef } from "../memory/refs.ts";
import { listLineMemories, updateMemoryText } from "../memory/store.ts";
import { defineTool, ToolRefusal } from "./tool.ts";

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
        return {
          output: {
            ok: false,
            updated: false,
            reason: "no_consent",
            instruction: "Nothing may be remembered without their agreement; nothing was changed.",
          },
        };
      }
      const memories = await listLineMemories(tx, keyring, session.accountId, session.lineId);
      const resolved = await resolveMemoryRef(args.memoryId, memories);
      if (resolved.kind === "not_found") {
        throw new ToolRefusal(404, "memory_not_found", "No memory with that id belongs to this line.");
      }
      if (resolved.kind !== "found") {
        return {
          output: {
            ok: false,
            updated: false,
            reason: resolved.kind,
            instruction: "Use the exact id shown in brackets in your notes. Nothing was changed.",
          },
        };
      }
      await updateMemoryText(tx, keyring, resolved.item, args.text);
      return { output: { ok: true, updated: true } };
    });
  },
});
