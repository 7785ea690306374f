import { describe, expect, it } from "vitest";
import { signRequest, verifyRequest } from "./request-signature.ts";
import { createStreamToken, verifyStreamToken } from "./stream-token.ts";

const secret = "test-secret";
const now = 1_800_000_000;

describe("signed requests", () => {
  it("verifies what it signed", async () => {
    const headers = await signRequest(secret, "bridge", '{"a":1}', now);
    const check = await verifyRequest(
      secret,
      "bridge",
      '{"a":1}',
      {
        timestamp: headers["x-ultaura-timestamp"],
        signature: headers["x-ultaura-signature"],
      },
      now + 10,
    );
    expect(check.ok).toBe(true);
  });

  it("refuses a changed body, another purpose, another secret, and a stale timestamp", async () => {
    const headers = await signRequest(secret, "bridge", "{}", now);
    const sent = { timestamp: headers["x-ultaura-timestamp"], signature: headers["x-ultaura-signature"] };
    expect(await verifyRequest(secret, "bridge", "{ }", sent, now)).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(await verifyRequest(secret, "prepare", "{}", sent, now)).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(await verifyRequest("other", "bridge", "{}", sent, now)).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(await verifyRequest(secret, "bridge", "{}", sent, now + 301)).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(await verifyRequest(secret, "bridge", "{}", { timestamp: null, signature: null }, now)).toEqual({
      ok: false,
      reason: "missing",
    });
    expect(await verifyRequest(secret, "bridge", "{}", { ...sent, timestamp: "1e9" }, now)).toEqual({
      ok: false,
      reason: "malformed",
    });
  });
});

describe("stream tokens", () => {
  const session = "6f1c3c2e-8a4b-4c3d-9e2f-0a1b2c3d4e5f";

  it("accepts a fresh token for its own session only", async () => {
    const token = await createStreamToken(secret, session, now);
    expect(await verifyStreamToken(secret, session, token, now + 299)).toEqual({ ok: true });
    expect(await verifyStreamToken(secret, "7f1c3c2e-8a4b-4c3d-9e2f-0a1b2c3d4e5f", token, now)).toEqual({
      ok: false,
      reason: "mismatch",
    });
  });

  it("refuses expired, tampered and malformed tokens", async () => {
    const token = await createStreamToken(secret, session, now);
    expect(await verifyStreamToken(secret, session, token, now + 301)).toEqual({
      ok: false,
      reason: "expired",
    });
    const [expiry, mac] = token.split(".");
    const extended = `${Number(expiry) + 3600}.${mac}`;
    expect(await verifyStreamToken(secret, session, extended, now)).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(await verifyStreamToken(secret, session, undefined, now)).toEqual({
      ok: false,
      reason: "malformed",
    });
    expect(await verifyStreamToken(secret, session, "abc.def", now)).toEqual({
      ok: false,
      reason: "malformed",
    });
  });
});
