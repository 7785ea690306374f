import type { CheckSpec, HealthCheck } from "./health.ts";

/**
 * The outside services every function's health reports on: that each one's credentials are set (names of
 * missing settings only, never values), and with `?deep=1` that each answers a cheap authenticated read at
 * its configured base URL (the simulators locally).
 */
type Env = Record<string, string | undefined>;

const CREDENTIALS = {
  twilio: ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"],
  xai: ["XAI_API_KEY"],
  stripe: ["STRIPE_SECRET_KEY"],
  qstash: ["QSTASH_TOKEN", "QSTASH_CURRENT_SIGNING_KEY", "QSTASH_NEXT_SIGNING_KEY"],
} as const;

type Service = keyof typeof CREDENTIALS;

function credentialsCheck(env: Env, names: readonly string[]): HealthCheck {
  return async () => {
    const missing = names.filter((key) => !env[key]?.trim());
    return missing.length === 0 ? { ok: true } : { ok: false, detail: `not set: ${missing.join(", ")}` };
  };
}

function trimmed(url: string): string {
  return url.replace(/\/+$/, "");
}

/** The authenticated read each service answers cheaply, or null when it is not configured at all. */
function probeRequest(service: Service, env: Env): { url: string; headers: Record<string, string> } | null {
  switch (service) {
    case "twilio": {
      const sid = env.TWILIO_ACCOUNT_SID;
      if (!sid || !env.TWILIO_AUTH_TOKEN) return null;
      return {
        url: `${trimmed(env.TWILIO_API_BASE_URL ?? "https://api.twilio.com")}/2010-04-01/Accounts/${encodeURIComponent(sid)}.json`,
        headers: { authorization: `Basic ${btoa(`${sid}:${env.TWILIO_AUTH_TOKEN}`)}` },
      };
    }
    case "xai": {
      if (!env.XAI_API_KEY) return null;
      // The REST API lives on the realtime URL's host: wss://api.x.ai/v1/realtime → https://api.x.ai.
      const realtime = new URL(env.XAI_REALTIME_URL ?? "wss://api.x.ai/v1/realtime");
      const origin = `${realtime.protocol === "ws:" ? "http:" : "https:"}//${realtime.host}`;
      return { url: `${origin}/v1/api-key`, headers: { authorization: `Bearer ${env.XAI_API_KEY}` } };
    }
    case "stripe":
      if (!env.STRIPE_SECRET_KEY) return null;
      return {
        url: `${trimmed(env.STRIPE_API_BASE_URL ?? "https://api.stripe.com")}/v1/billing/meters?limit=1`,
        headers: { authorization: `Bearer ${env.STRIPE_SECRET_KEY}` },
      };
    case "qstash":
      if (!env.QSTASH_TOKEN) return null;
      return {
        url: `${trimmed(env.QSTASH_URL ?? "https://qstash.upstash.io")}/v2/schedules`,
        headers: { authorization: `Bearer ${env.QSTASH_TOKEN}` },
      };
  }
}

function serviceCheck(service: Service, env: Env, doFetch: typeof fetch): HealthCheck {
  return async () => {
    const request = probeRequest(service, env);
    if (!request) return { ok: false, detail: "not configured" };
    const response = await doFetch(request.url, {
      headers: request.headers,
      signal: AbortSignal.timeout(1_900),
    });
    await response.body?.cancel();
    return response.ok ? { ok: true } : { ok: false, detail: `answered ${response.status}` };
  };
}

/** `<service>Credentials` for each service, and `<service>` (deep) that it answers. */
export function dependencyChecks(env: Env, doFetch: typeof fetch = fetch): Record<string, CheckSpec> {
  const checks: Record<string, CheckSpec> = {};
  for (const service of Object.keys(CREDENTIALS) as Service[]) {
    checks[`${service}Credentials`] = { run: credentialsCheck(env, CREDENTIALS[service]) };
    checks[service] = { run: serviceCheck(service, env, doFetch), deep: true };
  }
  return checks;
}
