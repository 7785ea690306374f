import { z } from "zod";
import { httpUrl } from "../_shared/contracts/config-fields.ts";
import { loadConfig } from "../_shared/platform/config/load.ts";

const schema = z.object({
  QSTASH_CURRENT_SIGNING_KEY: z.string().min(8),
  QSTASH_NEXT_SIGNING_KEY: z.string().min(8),
  FUNCTIONS_PUBLIC_URL: httpUrl,
  TWILIO_MAX_CPS: z.coerce.number().positive().max(1000).default(1),
  SCHEDULER_TICK_BUDGET_SECONDS: z.coerce.number().positive().max(300).default(45),
  /** A call session still open this long after it began is looked up in Twilio's REST API and closed. */
  CALL_SWEEP_AFTER_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(10),
});

export type SchedulerConfig = z.infer<typeof schema>;

export function loadSchedulerConfig(env: Record<string, string | undefined>): SchedulerConfig {
  return loadConfig(schema, env);
}
