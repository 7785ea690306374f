import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXAMPLE_SECRETS, exampleSecretsInUse } from "./example-secrets.ts";

const envExample = Object.fromEntries(
  readFileSync(new URL("../../../.env.example", import.meta.url), "utf8")
    .split("\n")
    .filter((line) => /^[A-Z0-9_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
);

describe("example secrets", () => {
  it("are exactly the values .env.example publishes", () => {
    for (const [name, value] of Object.entries(EXAMPLE_SECRETS)) {
      expect({ name, value: envExample[name] }).toEqual({ name, value });
    }
  });

  it("are named when a public URL is not local, and never their values", () => {
    const env = { ...EXAMPLE_SECRETS, XAI_API_KEY: "a-real-random-secret-from-openssl" };
    const inUse = exampleSecretsInUse(env, ["https://abc.supabase.co/functions/v1", "ws://127.0.0.1:8787"]);
    expect(inUse).toContain("MEMORY_KEK");
    expect(inUse).toContain("PREPARE_SIGNING_SECRET");
    expect(inUse).not.toContain("XAI_API_KEY");
    expect(inUse.join(" ")).not.toContain(EXAMPLE_SECRETS.MEMORY_KEK);
  });

  it("are accepted where every public URL is local", () => {
    expect(
      exampleSecretsInUse(EXAMPLE_SECRETS, [
        "http://127.0.0.1:54321/functions/v1",
        "ws://localhost:8787",
        undefined,
      ]),
    ).toEqual([]);
  });
});
