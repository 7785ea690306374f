import { describe, expect, it } from "vitest";
import { bridgeConfig, ConfigError } from "./env.ts";

const good = {
  CALL_BRIDGE: {},
  FUNCTIONS_URL: "http://127.0.0.1:54321/functions/v1",
  XAI_REALTIME_URL: "ws://127.0.0.1:4020/v1/realtime",
  XAI_MODEL: "grok-voice-latest",
  TWILIO_API_BASE_URL: "http://127.0.0.1:4010",
  XAI_API_KEY: "xai-key",
  TWILIO_ACCOUNT_SID: `AC${"0".repeat(32)}`,
  TWILIO_AUTH_TOKEN: "twilio-token",
  BRIDGE_SHARED_SECRET: "a-shared-secret-0123",
};

describe("the Worker's configuration", () => {
  it("is checked once and returned typed", () => {
    const env = { ...good } as unknown as Env;
    const config = bridgeConfig(env);
    expect(config.XAI_REALTIME_URL).toBe(good.XAI_REALTIME_URL);
    expect(bridgeConfig(env)).toBe(config);
  });

  it("names every missing or malformed key and never echoes a value", () => {
    const env = { ...good, BRIDGE_SHARED_SECRET: "short-secret", XAI_API_KEY: undefined } as unknown as Env;
    let error: unknown;
    try {
      bridgeConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain("BRIDGE_SHARED_SECRET is invalid");
    expect(message).toContain("XAI_API_KEY is missing");
    expect(message).not.toContain("short-secret");
  });
});
