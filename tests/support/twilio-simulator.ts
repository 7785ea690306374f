import { afterAll, beforeAll } from "vitest";
import {
  startTwilioSimulator,
  type TwilioSimulator,
  type TwilioSimulatorOptions,
} from "../../simulators/twilio/index.ts";
import { FAKE_TWILIO } from "./test-env.ts";

/** Nothing listens here: webhooks a test does not care about fail fast instead of reaching anything. */
export const UNREACHABLE_URL = "http://127.0.0.1:9/unused";

export interface TwilioSimulatorHandle {
  readonly sim: TwilioSimulator;
  /** Base URL of its REST API and Verify (TWILIO_API_BASE_URL, TWILIO_VERIFY_BASE_URL). */
  readonly url: string;
}

/**
 * The Twilio simulator for one test file, on a free port, for the fake account (test-env.ts), stopped
 * after the file. `options` may be a function, read when the simulator starts (e.g. a webhook URL of a
 * server the file starts first).
 */
export function useTwilioSimulator(
  options: Partial<TwilioSimulatorOptions> | (() => Partial<TwilioSimulatorOptions>) = {},
): TwilioSimulatorHandle {
  let sim: TwilioSimulator | undefined;
  beforeAll(async () => {
    sim = await startTwilioSimulator(
      twilioSimulatorOptions(typeof options === "function" ? options() : options),
    );
  });
  afterAll(async () => {
    await sim?.stop();
  });
  const ready = () => {
    if (!sim) throw new Error("useTwilioSimulator() is ready only inside tests and hooks");
    return sim;
  };
  return {
    get sim() {
      return ready();
    },
    get url() {
      return ready().url;
    },
  };
}

/** The simulator's options for the fake account, webhooks unreachable and logs off unless overridden. */
export function twilioSimulatorOptions(
  overrides: Partial<TwilioSimulatorOptions> = {},
): TwilioSimulatorOptions {
  return {
    port: 0,
    accountSid: FAKE_TWILIO.accountSid,
    authToken: FAKE_TWILIO.authToken,
    apiKeys: [FAKE_TWILIO.apiKey],
    phoneNumber: FAKE_TWILIO.phoneNumber,
    voiceUrl: UNREACHABLE_URL,
    statusCallbackUrl: UNREACHABLE_URL,
    log: () => {},
    ...overrides,
  };
}
