import { describe, expect, it } from "vitest";
import { z } from "zod";
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
