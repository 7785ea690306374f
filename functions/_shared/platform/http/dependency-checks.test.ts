import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GrokSimulator, startGrokSimulator } from "../../../../simulators/grok/server.ts";
import { type QstashSimulator, startQstashSimulator } from "../../../../simulators/qstash/server.ts";
import { simulatorCatalogue } from "../../../../simulators/stripe/catalogue.ts";
import { type StripeSimulator, startStripeSimulator } from "../../../../simulators/stripe/server.ts";
import { startTwilioSimulator, type TwilioSimulator } from "../../../../simulators/twilio/server.ts";
import { createLogger } from "../log.ts";
import { createFunctionApp } from "./app.ts";
import { dependencyChecks } from "./dependency-checks.ts";
import { healthHandler } from "./health.ts";

/** The deep health checks against the simulators, as the local stack runs them. */
let twilio: TwilioSimulator;
let grok: GrokSimulator;
let stripe: StripeSimulator;
let qstash: QstashSimulator;
let env: Record<string, string>;

beforeAll(async () => {
  const accountSid = `AC${"b".repeat(32)}`;
  twilio = await startTwilioSimulator({
    port: 0,
    accountSid,
    authToken: "health-auth-token",
    voiceUrl: "http://127.0.0.1:9/voice",
    statusCallbackUrl: "",
    log: () => {},
  });
  grok = await startGrokSimulator({ port: 0, apiKey: "xai-health-key" });
  stripe = await startStripeSimulator({
    port: 0,
    catalogue: simulatorCatalogue({}),
    webhookUrl: null,
    webhookSecret: "whsec_health",
    secretKey: "sk_test_health",
    log: () => {},
  });
  qstash = await startQstashSimulator({
    port: 0,
    token: "qstash-health-token",
    currentSigningKey: "sig_health",
  });
  env = {
    TWILIO_ACCOUNT_SID: accountSid,
    TWILIO_AUTH_TOKEN: "health-auth-token",
    TWILIO_API_BASE_URL: twilio.url,
    XAI_API_KEY: "xai-health-key",
    XAI_REALTIME_URL: grok.url,
    STRIPE_SECRET_KEY: "sk_test_health",
    STRIPE_API_BASE_URL: stripe.url,
    QSTASH_URL: qstash.url,
    QSTASH_TOKEN: "qstash-health-token",
    QSTASH_CURRENT_SIGNING_KEY: "sig_health",
    QSTASH_NEXT_SIGNING_KEY: "sig_health_next",
  };
});
afterAll(async () => {
  await Promise.all([twilio?.stop(), grok?.stop(), stripe?.stop(), qstash?.stop()]);
});

interface HealthBody {
  status: string;
  checks: Record<string, { ok: boolean; latencyMs: number; critical: boolean; detail?: string }>;
}

function health(overrides: Record<string, string | undefined>) {
  const app = createFunctionApp({ name: "demo", log: createLogger({}, "error", () => {}) });
  app.get("/health", healthHandler("demo", dependencyChecks({ ...env, ...overrides })));
  return async (query = "") => {
    const response = await app.request(`/demo/health${query}`);
    return { status: response.status, body: (await response.json()) as HealthBody };
  };
}

describe("dependency checks", () => {
  it("are healthy when every credential is set and, deep, every service answers an authenticated read", async () => {
    const { status, body } = await health({})("?deep=1");
    expect(status).toBe(200);
    expect(body.status).toBe("healthy");
    for (const service of ["twilio", "xai", "stripe", "qstash"]) {
      expect(body.checks[service]).toMatchObject({ ok: true, critical: false });
      expect(body.checks[`${service}Credentials`]).toMatchObject({ ok: true });
      expect(typeof body.checks[service]?.latencyMs).toBe("number");
    }
  });

  it("name a missing credential (never a value) and stay shallow without ?deep=1", async () => {
    const { status, body } = await health({ STRIPE_SECRET_KEY: "" })();
    expect(status).toBe(200);
    expect(body.status).toBe("degraded");
    expect(body.checks.stripeCredentials).toMatchObject({ ok: false, detail: "not set: STRIPE_SECRET_KEY" });
    expect(body.checks.stripe).toBeUndefined();
    expect(JSON.stringify(body)).not.toContain("health-auth-token");
  });

  it("report a service that refuses the credentials or is down, with what it answered", async () => {
    const { body } = await health({
      TWILIO_AUTH_TOKEN: "wrong-token",
      XAI_API_KEY: "xai-wrong",
      QSTASH_URL: "http://127.0.0.1:9",
    })("?deep=1");
    expect(body.status).toBe("degraded");
    expect(body.checks.twilio).toMatchObject({ ok: false, detail: "answered 401" });
    expect(body.checks.xai).toMatchObject({ ok: false, detail: "answered 400" });
    expect(body.checks.qstash).toMatchObject({ ok: false, detail: "unreachable" });
    expect(body.checks.stripe).toMatchObject({ ok: true });
  });
});
