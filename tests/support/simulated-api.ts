import type { TwilioSimulatorOptions } from "../../simulators/twilio/index.ts";
import { type ApiAppOptions, useApiApp } from "./api-app.ts";
import type { TestDatabase } from "./database.ts";
import { useTwilioSimulator } from "./twilio-simulator.ts";
import { useUpstashSimulator } from "./upstash-simulator.ts";

export interface SimulatedApiOptions extends Omit<ApiAppOptions, "twilioUrl" | "upstashUrl"> {
  /** The Twilio simulator's options over the kit's defaults. */
  twilio?: Partial<TwilioSimulatorOptions>;
}

/**
 * functions/api as a family reaches it, with Twilio (REST and Verify) and Upstash simulated over HTTP for
 * the file: the three set up in that order, the api pointed at both simulators.
 */
export function useSimulatedApi(database: TestDatabase, options: SimulatedApiOptions = {}) {
  const { twilio: twilioOptions = {}, ...apiOptions } = options;
  const twilio = useTwilioSimulator(twilioOptions);
  const upstash = useUpstashSimulator();
  const api = useApiApp(database, {
    ...apiOptions,
    twilioUrl: () => twilio.url,
    upstashUrl: () => upstash.url,
  });
  return { twilio, upstash, api };
}
