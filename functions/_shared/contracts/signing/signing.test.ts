import { describe, expect, it } from "vitest";
import { CALL_SID_PATTERN, InvalidSidError, sidSegment } from "../twilio-sids.ts";
import { signatureHeaders, signRequest, verifyRequest } from "./request-signature.ts";
import { createStreamToken, verifyStreamToken } from "./stream-token.ts";

const secret = "test-secret";
const now = 1_800_000_000;

describe("signed requests", () => {
  const target = (path: string, body = "{}") => ({ method: "POST", path, body });
  const sent = (headers: Record<string, string>) => signatureHeaders((name) => headers[name]);

  it("verifies what it signed", async () => {
    const request = target("/bridge/sessions/a/context", '{"a":1}');
    const headers = await signRequest(secret, "bridge", request, now);
    expect(await verifyRequest(secret, "bridge", request, sent(headers), now + 10)).toMatchObject({
      ok: true,
      timestamp: now,
      nonce: headers["x-ultaura-nonce"],
    });
  });

  it("never repeats a signature for the same body in the same second", async () => {
    const a = await signRequest(secret, "bridge", target("/bridge/sessions/a/minutes"), now);
    const b = await signRequest(secret, "bridge", target("/bridge/sessions/a/minutes"), now);
    expect(a["x-ultaura-nonce"]).not.toBe(b["x-ultaura-nonce"]);
    expect(a["x-ultaura-signature"]).not.toBe(b["x-ultaura-signature"]);
  });

  it("refuses another path, query, method, body, purpose, nonce, secret, and a stale timestamp", async () => {
    const request = target("/bridge/sessions/a/context");
    const headers = await signRequest(secret, "bridge", request, now);
    const mismatch = { ok: false, reason: "mismatch" };
    const check = (changed: typeof request, purpose: "bridge" | "prepare" = "bridge", key = secret) =>
      verifyRequest(key, purpose, changed, sent(headers), now);
    expect(await check(target("/bridge/sessions/b/context"))).toEqual(mismatch);
    expect(await check(target("/bridge/sessions/a/opt-out"))).toEqual(mismatch);
    expect(await check(target("/bridge/sessions/a/context?x=1"))).toEqual(mismatch);
    expect(await check({ ...request, method: "PUT" })).toEqual(mismatch);
    expect(await check({ ...request, body: "{ }" })).toEqual(mismatch);
    expect(await check(request, "prepare")).toEqual(mismatch);
    expect(await check(request, "bridge", "other")).toEqual(mismatch);
    const otherNonce = { ...headers, "x-ultaura-nonce": "0".repeat(32) };
    expect(await verifyRequest(secret, "bridge", request, sent(otherNonce), now)).toEqual(mismatch);
    expect(await verifyRequest(secret, "bridge", request, sent(headers), now + 301)).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(
      await verifyRequest(secret, "bridge", request, { timestamp: null, nonce: null, signature: null }, now),
    ).toEqual({ ok: false, reason: "missing" });
    expect(
      await verifyRequest(secret, "bridge", request, sent({ ...headers, "x-ultaura-timestamp": "1e9" }), now),
    ).toEqual({ ok: false, reason: "malformed" });
    expect(
      await verifyRequest(secret, "bridge", request, sent({ ...headers, "x-ultaura-nonce": "short" }), now),
    ).toEqual({ ok: false, reason: "malformed" });
  });
});

describe("stream tokens", () => {
  const binding = {
    callSessionId: "6f1c3c2e-8a4b-4c3d-9e2f-0a1b2c3d4e5f",
    callSid: `CA${"1".repeat(32)}`,
    accountSid: `AC${"2".repeat(32)}`,
  };

  it("accepts a fresh token, for at most 60 s, for its own session, CallSid and account only", async () => {
    const token = await createStreamToken(secret, binding, now);
    expect(await verifyStreamToken(secret, binding, token, now + 60)).toEqual({ ok: true });
    const mismatch = { ok: false, reason: "mismatch" };
    const other = "7f1c3c2e-8a4b-4c3d-9e2f-0a1b2c3d4e5f";
    expect(await verifyStreamToken(secret, { ...binding, callSessionId: other }, token, now)).toEqual(
      mismatch,
    );
    expect(
      await verifyStreamToken(secret, { ...binding, callSid: `CA${"3".repeat(32)}` }, token, now),
    ).toEqual(mismatch);
    expect(
      await verifyStreamToken(secret, { ...binding, accountSid: `AC${"4".repeat(32)}` }, token, now),
    ).toEqual(mismatch);
  });

  it("gives each token its own nonce, so two minted in the same second differ and each verifies", async () => {
    const first = await createStreamToken(secret, binding, now);
    const second = await createStreamToken(secret, binding, now);
    expect(first).not.toBe(second);
    expect(await verifyStreamToken(secret, binding, first, now)).toEqual({ ok: true });
    expect(await verifyStreamToken(secret, binding, second, now)).toEqual({ ok: true });
    const [expiry, , mac] = first.split(".");
    const renonced = `${expiry}.${"0".repeat(16)}.${mac}`;
    expect(await verifyStreamToken(secret, binding, renonced, now)).toEqual({
      ok: false,
      reason: "mismatch",
    });
  });

  it("refuses expired, tampered, too long-lived and malformed tokens", async () => {
    const token = await createStreamToken(secret, binding, now);
    expect(await verifyStreamToken(secret, binding, token, now + 61)).toEqual({
      ok: false,
      reason: "expired",
    });
    const [expiry, nonce, mac] = token.split(".");
    const extended = `${Number(expiry) + 3600}.${nonce}.${mac}`;
    expect(await verifyStreamToken(secret, binding, extended, now)).toEqual({
      ok: false,
      reason: "mismatch",
    });
    const early = await createStreamToken(secret, binding, now + 3600);
    expect(await verifyStreamToken(secret, binding, early, now)).toEqual({ ok: false, reason: "mismatch" });
    expect(await verifyStreamToken(secret, binding, undefined, now)).toEqual({
      ok: false,
      reason: "malformed",
    });
    expect(await verifyStreamToken(secret, binding, "abc.def", now)).toEqual({
      ok: false,
      reason: "malformed",
    });
  });
});

describe("Twilio ids in REST paths", () => {
  it("passes a real CallSid through and refuses anything else", () => {
    const sid = `CA${"a".repeat(32)}`;
    expect(sidSegment(sid, CALL_SID_PATTERN)).toBe(sid);
    for (const forged of ["CA../../Messages", `CA${"a".repeat(32)}/x`, `ca${"a".repeat(32)}`, ""]) {
      expect(() => sidSegment(forged, CALL_SID_PATTERN)).toThrow(InvalidSidError);
    }
  });
});
