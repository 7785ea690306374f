/**
 * The Twilio simulator as a process (`npm start` runs it as a child):
 *   TWILIO_SIM_PORT            default 4010
 *   TWILIO_ACCOUNT_SID         default LOCAL_ACCOUNT_SID below
 *   TWILIO_AUTH_TOKEN          default LOCAL_AUTH_TOKEN below
 *   TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET   an API key also accepted for REST (the Worker's), when both set
 *   TWILIO_PHONE_NUMBER        default +15555550199
 *   FUNCTIONS_PUBLIC_URL       default http://127.0.0.1:54321/functions/v1
 *   TWILIO_VOICE_URL           default $FUNCTIONS_PUBLIC_URL/twilio/voice/inbound
 *   TWILIO_STATUS_CALLBACK_URL default $FUNCTIONS_PUBLIC_URL/twilio/status
 *   TWILIO_FALLBACK_URL        default $FUNCTIONS_PUBLIC_URL/twilio/voice/fallback
 */
import { DEFAULT_PHONE_NUMBER } from "./options.ts";
import { startTwilioSimulator } from "./server.ts";

export const LOCAL_ACCOUNT_SID = "AC00000000000000000000000000000000";
export const LOCAL_AUTH_TOKEN = "00000000000000000000000000000000";

const env = process.env;
const functionsUrl = (env.FUNCTIONS_PUBLIC_URL ?? "http://127.0.0.1:54321/functions/v1").replace(/\/+$/, "");
const port = Number(env.TWILIO_SIM_PORT ?? "4010");
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`TWILIO_SIM_PORT must be a port number, got "${env.TWILIO_SIM_PORT}"`);
  process.exit(1);
}

const simulator = await startTwilioSimulator({
  port,
  accountSid: env.TWILIO_ACCOUNT_SID ?? LOCAL_ACCOUNT_SID,
  authToken: env.TWILIO_AUTH_TOKEN ?? LOCAL_AUTH_TOKEN,
  apiKeys:
    env.TWILIO_API_KEY_SID && env.TWILIO_API_KEY_SECRET
      ? [{ sid: env.TWILIO_API_KEY_SID, secret: env.TWILIO_API_KEY_SECRET }]
      : [],
  phoneNumber: env.TWILIO_PHONE_NUMBER ?? DEFAULT_PHONE_NUMBER,
  voiceUrl: env.TWILIO_VOICE_URL ?? `${functionsUrl}/twilio/voice/inbound`,
  statusCallbackUrl: env.TWILIO_STATUS_CALLBACK_URL ?? `${functionsUrl}/twilio/status`,
  fallbackUrl: env.TWILIO_FALLBACK_URL ?? `${functionsUrl}/twilio/voice/fallback`,
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    simulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
