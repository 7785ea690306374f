import { describe, expect, it } from "vitest";
import { z } from "zod";
import { EXAMPLE_SECRETS } from "../../contracts/example-secrets.ts";
import { ConfigError, loadConfig } from "./load.ts";

const schema = z.object({ TWILIO_AUTH_TOKEN: z.string().min(8), PORT: z.coerce.number().int() });

describe("loadConfig", () => {
  it("returns the typed values", () => {
    expect(loadConfig(schema, { TWILIO_AUTH_TOKEN: "abcdefgh", PORT: "80" })).toEqual({
      TWILIO_AUTH_TOKEN: "abcdefgh",
      PORT: 80,
    });
  });

  it("names every missing or invalid variable without echoing values", () => {
    let error: unknown;
    try {
      loadConfig(schema, { TWILIO_AUTH_TOKEN: "short-1", PORT: undefined });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain("TWILIO_AUTH_TOKEN is invalid");
    expect(message).toContain("PORT is missing");
    expect(message).not.toContain("short-1");
  });
});

describe("a production-shaped configuration", () => {
  const production = {
    TWILIO_AUTH_TOKEN: "a-real-token-from-the-console",
    PORT: "80",
    FUNCTIONS_PUBLIC_URL: "https://abcdefghijklmnop.supabase.co/functions/v1",
  };

  it("refuses to start with a secret still equal to .env.example's value, naming it without its value", () => {
    const env = { ...production, MEMORY_KEK: EXAMPLE_SECRETS.MEMORY_KEK };
    expect(() => loadConfig(schema, env)).toThrow(ConfigError);
    expect(() => loadConfig(schema, env)).toThrow(/Refusing to start: MEMORY_KEK/);
    let message = "";
    try {
      loadConfig(schema, env);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain(EXAMPLE_SECRETS.MEMORY_KEK);
  });

  it("refuses on Supabase's own SUPABASE_URL even when the schema reads no public URL", () => {
    const env = {
      TWILIO_AUTH_TOKEN: EXAMPLE_SECRETS.TWILIO_AUTH_TOKEN,
      PORT: "80",
      SUPABASE_URL: "https://abcdefghijklmnop.supabase.co",
    };
    expect(() => loadConfig(schema, env)).toThrow(/TWILIO_AUTH_TOKEN/);
  });

  it("starts with real secrets, and locally with the example ones", () => {
    expect(loadConfig(schema, production).PORT).toBe(80);
    const local = {
      ...production,
      FUNCTIONS_PUBLIC_URL: "http://127.0.0.1:54321/functions/v1",
      TWILIO_AUTH_TOKEN: EXAMPLE_SECRETS.TWILIO_AUTH_TOKEN,
    };
    expect(loadConfig(schema, local).TWILIO_AUTH_TOKEN).toBe(EXAMPLE_SECRETS.TWILIO_AUTH_TOKEN);
  });
});
