import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { createJwtVerifier } from "./verify-jwt.ts";

const SECRET = "unit-test-jwt-secret-with-at-least-32-chars";
const USER = "10000000-0000-4000-8000-000000000001";
const now = () => Math.floor(Date.now() / 1000);

const hs256 = (claims: Record<string, unknown>, secret = SECRET) =>
  new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(new TextEncoder().encode(secret));

const user = (extra: Record<string, unknown> = {}) => ({
  sub: USER,
  role: "authenticated",
  aud: "authenticated",
  iat: now(),
  exp: now() + 3600,
  ...extra,
});

describe("createJwtVerifier (HS256)", () => {
  const verify = createJwtVerifier({ secret: SECRET });

  it("accepts a signed-in user's token and returns its claims", async () => {
    expect(await verify(await hs256(user({ email: "a@example.com" })))).toMatchObject({
      sub: USER,
      role: "authenticated",
      email: "a@example.com",
    });
  });

  it.each([
    ["expired", user({ exp: now() - 10 })],
    ["another audience", user({ aud: "somebody" })],
    ["the anon key", { iss: "supabase-demo", role: "anon", exp: now() + 3600 }],
    ["the service key", { iss: "supabase-demo", role: "service_role", exp: now() + 3600 }],
    ["no expiry", { sub: USER, role: "authenticated", aud: "authenticated" }],
    ["a subject that is not a user id", user({ sub: "admin" })],
  ])("refuses %s", async (_name, claims) => {
    expect(await verify(await hs256(claims))).toBeNull();
  });

  it("refuses a token signed with another secret, alg none, and garbage", async () => {
    expect(await verify(await hs256(user(), "another-secret-with-at-least-32-characters!"))).toBeNull();
    const unsigned = `${btoa(JSON.stringify({ alg: "none" }))}.${btoa(JSON.stringify(user()))}.`;
    expect(await verify(unsigned.replaceAll("=", ""))).toBeNull();
    expect(await verify("not.a.jwt")).toBeNull();
  });
});

describe("createJwtVerifier's memory of verified tokens", () => {
  it("answers a token it verified until the token expires, and never after", async () => {
    let clock = Date.now();
    const verify = createJwtVerifier({ secret: SECRET, now: () => clock });
    const token = await hs256(user({ exp: Math.floor(clock / 1000) + 30 }));
    expect(await verify(token)).toMatchObject({ sub: USER });
    clock += 20_000;
    expect(await verify(token)).toMatchObject({ sub: USER });
    clock += 15_000;
    expect(await verify(token)).toBeNull();
  });

  it("verifies a token differing in one byte afresh", async () => {
    const verify = createJwtVerifier({ secret: SECRET });
    const token = await hs256(user());
    expect(await verify(token)).not.toBeNull();
    const signature = token.split(".")[2] as string;
    const flipped = `${token.slice(0, -signature.length)}${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`;
    expect(await verify(flipped)).toBeNull();
  });
});

describe("createJwtVerifier (asymmetric signing keys)", () => {
  it("verifies an ES256 token against the project's key set and refuses an unknown key", async () => {
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "key-1", alg: "ES256", use: "sig" };
    const verify = createJwtVerifier({ jwks: { keys: [jwk] } });
    const sign = (kid: string) =>
      new SignJWT(user()).setProtectedHeader({ alg: "ES256", kid, typ: "JWT" }).sign(privateKey);
    expect(await verify(await sign("key-1"))).toMatchObject({ sub: USER });
    expect(await verify(await sign("key-2"))).toBeNull();
    expect(await verify(await hs256(user()))).toBeNull();
  });
});
