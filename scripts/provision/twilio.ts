/**
 * Points our Twilio number at the functions (voice URL and status callback) and its fallback URL at the bridge
 * Worker — another provider than the functions host, so a caller still hears a sentence when that host is
 * down (all POST), through the IncomingPhoneNumbers REST resource. Reads the number first and writes only what
 * differs.
 */
import { WORKER_ROUTES, workerPublicUrl } from "../../functions/_shared/contracts/routes.ts";
import type { ProvisionOutcome } from "./outcome.ts";

export type TwilioSettings = {
  TWILIO_API_BASE_URL: string;
  TWILIO_ACCOUNT_SID: string;
  TWILIO_AUTH_TOKEN: string;
  TWILIO_PHONE_NUMBER: string;
  FUNCTIONS_PUBLIC_URL: string;
  BRIDGE_PUBLIC_URL: string;
};

type NumberResource = {
  sid: string;
  voice_url: string | null;
  voice_method: string;
  voice_fallback_url: string | null;
  voice_fallback_method: string;
  status_callback: string | null;
  status_callback_method: string;
};

export function wantedWebhooks(functionsPublicUrl: string, bridgePublicUrl: string) {
  const base = functionsPublicUrl.replace(/\/$/, "");
  return {
    VoiceUrl: `${base}/twilio/voice/inbound`,
    VoiceMethod: "POST",
    VoiceFallbackUrl: workerPublicUrl(bridgePublicUrl, WORKER_ROUTES.voiceFallback),
    VoiceFallbackMethod: "POST",
    StatusCallback: `${base}/twilio/status`,
    StatusCallbackMethod: "POST",
  };
}

export async function provisionTwilioNumber(
  settings: TwilioSettings,
  options: { dryRun: boolean; print: (line: string) => void },
): Promise<ProvisionOutcome> {
  const account = `${settings.TWILIO_API_BASE_URL.replace(/\/$/, "")}/2010-04-01/Accounts/${settings.TWILIO_ACCOUNT_SID}`;
  const authorization = `Basic ${btoa(`${settings.TWILIO_ACCOUNT_SID}:${settings.TWILIO_AUTH_TOKEN}`)}`;
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${account}${path}`, {
      ...init,
      headers: { authorization, "content-type": "application/x-www-form-urlencoded" },
    });
    if (!response.ok)
      throw new Error(`Twilio ${init.method ?? "GET"} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };

  const list = (await call(
    `/IncomingPhoneNumbers.json?PhoneNumber=${encodeURIComponent(settings.TWILIO_PHONE_NUMBER)}`,
  )) as { incoming_phone_numbers: NumberResource[] };
  const number = list.incoming_phone_numbers[0];
  if (!number)
    throw new Error(
      `${settings.TWILIO_PHONE_NUMBER} is not a number of account ${settings.TWILIO_ACCOUNT_SID}`,
    );

  const wanted = wantedWebhooks(settings.FUNCTIONS_PUBLIC_URL, settings.BRIDGE_PUBLIC_URL);
  const current: Record<keyof typeof wanted, string | null> = {
    VoiceUrl: number.voice_url,
    VoiceMethod: number.voice_method,
    VoiceFallbackUrl: number.voice_fallback_url,
    VoiceFallbackMethod: number.voice_fallback_method,
    StatusCallback: number.status_callback,
    StatusCallbackMethod: number.status_callback_method,
  };
  const changes = (Object.keys(wanted) as (keyof typeof wanted)[]).filter(
    (key) => current[key] !== wanted[key],
  );
  if (changes.length === 0) {
    options.print(
      `Twilio number ${settings.TWILIO_PHONE_NUMBER} already points at ${settings.FUNCTIONS_PUBLIC_URL}`,
    );
    return { changed: false, actions: [] };
  }
  const actions = changes.map((key) => `set ${settings.TWILIO_PHONE_NUMBER} ${key} to ${wanted[key]}`);
  for (const action of actions) options.print(options.dryRun ? `would ${action}` : action);
  if (!options.dryRun) {
    const body = new URLSearchParams(changes.map((key) => [key, wanted[key]]));
    await call(`/IncomingPhoneNumbers/${number.sid}.json`, { method: "POST", body });
  }
  return { changed: !options.dryRun, actions };
}
