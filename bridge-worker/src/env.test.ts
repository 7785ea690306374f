import { describe, expect, it } from "vitest";
import { EXAMPLE_SECRETS } from "../../functions/_shared/contracts/index.ts";
import { bridgeConfig, ConfigError } from "./env.ts";

const good = {
  CALL_BRIDGE: {},
  FUNCTIONS_URL: "http://127.0.0.1:54321/functions/v1",
  XAI_REALTIME_URL: "ws://127.0.0.1:4020/v1/realtime",
  XAI_MODEL: "grok-voice-latest",
  TWILIO_API_BASE_URL: "http://127.0.0.1:4010",
  XAI_API_KEY: "xai-key",
  TWILIO_ACCOUNT_SID: `AC${"0".repeat(32)}`,
  BRIDGE_PUBLIC_URL: "ws://127.0.0.1:8787",
  TWILIO_AUTH_TOKEN: "twilio-auth-token",
  TWILIO_API_KEY_SID: `SK${"0".repeat(32)}`,
  TWILIO_API_KEY_SECRET: "twilio-api-key-secret",
  PREPARE_SIGNING_SECRET: "a-prepare-secret-0123",
  BRIDGE_REQUEST_SECRET: "a-request-secret-0123",
  STREAM_TOKEN_SECRET: "a-stream-secret-01234",
};

describe("the Worker's configuration", () => {
  it("is checked once and returned typed", () => {
    const env = { ...good } as unknown as Env;
    const config = bridgeConfig(env);
    expect(config.XAI_REALTIME_URL).toBe(good.XAI_REALTIME_URL);
    expect(bridgeConfig(env)).toBe(config);
  });

  it("names every missing or malformed key and never echoes a value", () => {
    const env = { ...good, STREAM_TOKEN_SECRET: "short-secret", XAI_API_KEY: undefined } as unknown as Env;
    let error: unknown;
    try {
      bridgeConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain("STREAM_TOKEN_SECRET is invalid");
    expect(message).toContain("XAI_API_KEY is missing");
    expect(message).not.toContain("short-secret");
  });
});

describe("a production-shaped Worker configuration", () => {
  it("refuses to start with a secret still equal to .env.example's value", () => {
    const env = {
      ...good,
      FUNCTIONS_URL: "https://abcdefghijklmnop.supabase.co/functions/v1",
      XAI_API_KEY: EXAMPLE_SECRETS.XAI_API_KEY,
    } as unknown as Env;
    expect(() => bridgeConfig(env)).toThrow(/Refusing to start: XAI_API_KEY/);
    expect(() => bridgeConfig(env)).not.toThrow(new RegExp(EXAMPLE_SECRETS.XAI_API_KEY as string));
  });

  it("starts with its own secrets, and locally with the example ones", () => {
    const production = { ...good, FUNCTIONS_URL: "https://abcdefghijklmnop.supabase.co/functions/v1" };
    expect(bridgeConfig(production as unknown as Env).FUNCTIONS_URL).toBe(production.FUNCTIONS_URL);
    const local = { ...good, XAI_API_KEY: EXAMPLE_SECRETS.XAI_API_KEY } as unknown as Env;
    expect(bridgeConfig(local).XAI_API_KEY).toBe(EXAMPLE_SECRETS.XAI_API_KEY);
  });
});
