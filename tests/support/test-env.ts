import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";

/**
 * The settings every test starts from: `.env.example`'s working local defaults, parsed once. A test that
 * needs another value overrides that key only, so a setting renamed in `.env.example` fails here first.
 */
export const testEnv: Readonly<Record<string, string>> = Object.freeze(
  parseEnv(readFileSync(new URL("../../.env.example", import.meta.url), "utf8")) as Record<string, string>,
);

/** `testEnv[name]`, or an error naming the setting `.env.example` lost. */
export function exampleSetting(name: string): string {
  const value = testEnv[name];
  if (value === undefined) throw new Error(`.env.example no longer sets ${name}`);
  return value;
}

/**
 * The one fake Twilio account of the tests: `.env.example`'s account, API key, number and Verify service.
 * Its secrets are the tests' own: the functions rightly refuse `.env.example`'s published secrets behind a
 * public URL that is not local, and several test apps stand in for a deployment (https://project.example).
 */
export const FAKE_TWILIO = Object.freeze({
  accountSid: exampleSetting("TWILIO_ACCOUNT_SID"),
  authToken: "test-twilio-auth-token",
  apiKey: { sid: exampleSetting("TWILIO_API_KEY_SID"), secret: "test-twilio-api-key-secret" },
  /** Our number: callers dial it, calls and texts come from it. */
  phoneNumber: exampleSetting("TWILIO_PHONE_NUMBER"),
  verifyServiceSid: exampleSetting("TWILIO_VERIFY_SERVICE_SID"),
});
