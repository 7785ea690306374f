import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLocalEnv } from "./env-file.ts";

describe("loadLocalEnv", () => {
  it("uses .env.example's defaults when there is no .env, and the process environment wins", () => {
    const root = mkdtempSync(join(tmpdir(), "ultaura-env-"));
    writeFileSync(join(root, ".env.example"), "A=from-example\nB=from-example\n");
    expect(loadLocalEnv(root, { B: "from-process" })).toMatchObject({ A: "from-example", B: "from-process" });
    writeFileSync(join(root, ".env"), "A=from-dotenv\n");
    expect(loadLocalEnv(root, {})).toEqual({ A: "from-dotenv" });
  });

  it("finds every variable the issue requires in the committed .env.example", () => {
    const env = loadLocalEnv(resolve(import.meta.dirname, ".."), {});
    for (const key of [
      "TWILIO_AUTH_TOKEN",
      "SUPABASE_JWT_SECRET",
      "QSTASH_CURRENT_SIGNING_KEY",
      "QSTASH_NEXT_SIGNING_KEY",
      "STRIPE_WEBHOOK_SECRET",
      "PREPARE_SIGNING_SECRET",
      "BRIDGE_REQUEST_SECRET",
      "STREAM_TOKEN_SECRET",
      "TWILIO_API_KEY_SID",
      "TWILIO_API_KEY_SECRET",
      "MEMORY_KEK",
    ]) {
      expect(env[key], key).toBeTruthy();
    }
    expect(env.TWILIO_PHONE_NUMBER).toBe("+15555550199");
  });
});
