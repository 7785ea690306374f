import { z } from "zod";
import { listLineMemories } from "../../_shared/domain/memory/store.ts";
import { markMemoryPrivate } from "../memory/mutations.ts";
import { findTargetMemory } from "./memory-target.ts";
import { defineTool } from "./tool.ts";

export const markPrivate = defineTool({
  name: "mark_private",
  description:
    'The person wants something kept from their family ("don\'t tell my family", "keep this between us"). ' +
    "Pass the memory's id when you know which one, otherwise a short description. You may still use it in " +
    "conversation with them; the family will never see it. If the result says it is unclear, ask which one.",
  args: z
    .object({
      memoryId: z.string().max(64).optional().describe("The memory's id in brackets from your notes"),
      description: z
        .string()
        .max(300)
        .optional()
        .describe("What to keep private, in a few words, when the id is unknown"),
    })
    .refine((args) => Boolean(args.memoryId || args.description), "give memoryId or description"),
  async handle({ db, keyring }, session, args) {
    return db.asService(async (tx) => {
      const memories = await listLineMemories(tx, keyring, session.accountId, session.lineId);
      const target = await findTargetMemory(memories, args, { done: "made private", notDone: "changed" });
      if (target.kind === "unclear") return { output: { ...target.output, private: false } };
      await markMemoryPrivate(tx, keyring, target.memory);
      return {
        output: {
          ok: true,
          private: true,
          instruction:
            "Reassure them briefly that this stays between the two of you; their family will not see it.",
        },
      };
    });
  },
});
