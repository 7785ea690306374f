import { Hono } from "hono";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Listening, listen } from "../../simulators/listen.ts";
import { apiTestEnv, exampleSetting } from "../../tests/support/kit.ts";
import { createJwtVerifier } from "../_shared/platform/auth/verify-jwt.ts";
import { jwtVerification, loadApiConfig } from "./config.ts";

/**
 * functions/api's token check as each environment configures it: `npm start` signs HS256 with
 * SUPABASE_JWT_SECRET; a hosted project cannot hold that secret (Supabase refuses SUPABASE_* names), so
 * without it the API verifies with the project's JWKS at `<SUPABASE_URL>/auth/v1/.well-known/jwks.json`
 * — served here by a test server with a key generated for the test.
 */
const USER = "10000000-0000-4000-8000-000000000001";
const now = () => Math.floor(Date.now() / 1000);
const claims = { sub: USER, role: "authenticated", aud: "authenticated", iat: now(), exp: now() + 3600 };
const hs256 = () =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));

const TEST_JWT_SECRET = exampleSetting("SUPABASE_JWT_SECRET");
const { SUPABASE_JWT_SECRET: _secret, ...hostedEnv } = apiTestEnv();

let project: Listening;
let jwksRequests = 0;
let signingKey: CryptoKey;

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  signingKey = privateKey;
  const jwk = { ...(await exportJWK(publicKey)), kid: "project-key-1", alg: "ES256", use: "sig" };
  const app = new Hono().get("/auth/v1/.well-known/jwks.json", (c) => {
    jwksRequests += 1;
    return c.json({ keys: [jwk] });
  });
  project = await listen(app.fetch);
});
afterAll(() => project?.close());

const es256 = (key: CryptoKey, kid = "project-key-1") =>
  new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid, typ: "JWT" }).sign(key);

describe("functions/api's JWT verification", () => {
  it("without SUPABASE_JWT_SECRET, verifies with the JWKS at <SUPABASE_URL>/auth/v1/.well-known/jwks.json", async () => {
    const config = loadApiConfig({ ...hostedEnv, SUPABASE_URL: `${project.url}/` });
    expect(jwtVerification(config)).toEqual({ jwksUrl: `${project.url}/auth/v1/.well-known/jwks.json` });
    const verify = createJwtVerifier(jwtVerification(config));
    expect(await verify(await es256(signingKey))).toMatchObject({ sub: USER, role: "authenticated" });
    expect(jwksRequests).toBeGreaterThan(0);
    const stranger = (await generateKeyPair("ES256")).privateKey;
    expect(await verify(await es256(stranger))).toBeNull();
    expect(await verify(await es256(stranger, "another-key"))).toBeNull();
    // A token signed with some HS256 secret proves nothing without the secret.
    expect(await verify(await hs256())).toBeNull();
  });

  it("with SUPABASE_JWT_SECRET (npm start), verifies HS256 with it and never asks for a JWKS", async () => {
    const before = jwksRequests;
    const config = loadApiConfig({
      ...hostedEnv,
      SUPABASE_JWT_SECRET: TEST_JWT_SECRET,
      SUPABASE_URL: project.url,
    });
    const verify = createJwtVerifier(jwtVerification(config));
    expect(await verify(await hs256())).toMatchObject({ sub: USER });
    expect(await verify(await es256(signingKey))).toBeNull();
    expect(jwksRequests).toBe(before);
  });

  it("refuses to start with neither a secret nor SUPABASE_URL", () => {
    expect(() => loadApiConfig(hostedEnv)).toThrow(/SUPABASE_JWT_SECRET/);
  });
});
