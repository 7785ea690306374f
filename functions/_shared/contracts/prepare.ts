/**
 * functions/twilio → Worker: the warm start (POST /calls/:callSessionId/prepare, signed "prepare"). The
 * Worker loads the context and opens Grok while Twilio sets up the media stream.
 */
import { z } from "zod";
import { SESSION_ID_PATTERN } from "./routes.ts";

export const prepareRequest = z.object({
  callSessionId: z.string().regex(SESSION_ID_PATTERN, "a UUID"),
  /**
   * The apology in the line's language, spoken by Twilio if the model fails before the context arrives
   * (the context carries it too).
   */
  apology: z.string().min(1).max(500).optional(),
  /** BCP-47 language of `apology`, e.g. "es-US". */
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
    .optional(),
});
export type PrepareRequest = z.infer<typeof prepareRequest>;

export const prepareAccepted = z.object({ ok: z.literal(true) });
export type PrepareAccepted = z.infer<typeof prepareAccepted>;

/** Prepare bodies are tiny; anything larger is refused before the signature is checked. */
export const MAX_PREPARE_BODY_BYTES = 4 * 1024;
