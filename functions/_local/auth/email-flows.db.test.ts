import { createClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type Listening, listen } from "../../../simulators/listen.ts";
import { exampleSetting, useTestDatabase } from "../../../tests/support/kit.ts";
import { createLogger } from "../../_shared/platform/log.ts";
import { createLocalAuthApp } from "./app.ts";
import type { Mailer } from "./email-links.ts";
import { ensureAuthTables } from "./store.ts";

/** supabase-js against the local Auth server with e-mail confirmation on, e-mails caught in memory. */
const database = useTestDatabase();
const mail: { to: string; subject: string; text: string }[] = [];
const key = exampleSetting("SUPABASE_ANON_KEY");
const [ORIGIN = ""] = exampleSetting("ALLOWED_ORIGINS").split(",");
let http: Listening;

beforeAll(async () => {
  await database.resetData();
  await ensureAuthTables(database.db.sql);
  const mailer: Mailer = async (message) => {
    mail.push(message);
  };
  let apiUrl = "";
  const app = createLocalAuthApp({
    sql: database.db.sql,
    log: createLogger({ fn: "auth-test" }, "error"),
    jwtSecret: exampleSetting("SUPABASE_JWT_SECRET"),
    get apiUrl() {
      return apiUrl;
    },
    allowedOrigins: [ORIGIN],
    confirmEmail: true,
    mailer,
  });
  http = await listen(app.fetch);
  apiUrl = http.url;
});
afterAll(() => http.close());

const client = () =>
  createClient(http.url, key, {
    realtime: { transport: WebSocket as never },
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });

/** Follows the e-mailed link as a browser would, and reads the session GoTrue puts in the fragment. */
async function follow(text: string) {
  const link = /https?:\/\/\S+\/auth\/v1\/verify\?\S+/.exec(text)?.[0];
  expect(link).toBeDefined();
  const response = await fetch(link as string, { redirect: "manual" });
  expect(response.status).toBe(303);
  const location = new URL(response.headers.get("location") as string);
  return { location, fragment: new URLSearchParams(location.hash.slice(1)) };
}

describe("e-mail confirmation and password recovery, through supabase-js", () => {
  it("sign-up sends a confirmation link and no session; the link confirms and signs in once", async () => {
    const supabase = client();
    const signUp = await supabase.auth.signUp({
      email: "new.family@example.com",
      password: "first password",
      options: { emailRedirectTo: `${ORIGIN}/auth/callback` },
    });
    expect(signUp.error).toBeNull();
    expect(signUp.data.session).toBeNull();
    expect(signUp.data.user?.email).toBe("new.family@example.com");

    const refused = await supabase.auth.signInWithPassword({
      email: "new.family@example.com",
      password: "first password",
    });
    expect(refused.error?.code).toBe("email_not_confirmed");

    const message = mail.find((m) => m.to === "new.family@example.com");
    expect(message?.subject).toBe("Confirm your e-mail for Ultaura");
    const first = await follow(message?.text as string);
    expect(`${first.location.origin}${first.location.pathname}`).toBe(`${ORIGIN}/auth/callback`);
    expect(first.fragment.get("type")).toBe("signup");
    const session = await supabase.auth.setSession({
      access_token: first.fragment.get("access_token") as string,
      refresh_token: first.fragment.get("refresh_token") as string,
    });
    expect(session.error).toBeNull();
    expect(session.data.user?.email_confirmed_at).toBeTruthy();

    const again = await follow(message?.text as string);
    expect(again.fragment.get("error_code")).toBe("otp_expired");

    const signIn = await client().auth.signInWithPassword({
      email: "new.family@example.com",
      password: "first password",
    });
    expect(signIn.error).toBeNull();
  });

  it("forgot password: the recovery link signs in, updateUser sets a new password, the old one stops working", async () => {
    const supabase = client();
    await supabase.auth.signUp({ email: "forgetful@example.com", password: "old password" });
    const confirm = await follow(mail.find((m) => m.to === "forgetful@example.com")?.text as string);
    expect(confirm.fragment.get("type")).toBe("signup");

    const reset = await supabase.auth.resetPasswordForEmail("forgetful@example.com", {
      redirectTo: `${ORIGIN}/auth/callback`,
    });
    expect(reset.error).toBeNull();
    const nobody = await supabase.auth.resetPasswordForEmail("nobody@example.com");
    expect(nobody.error).toBeNull();
    expect(mail.some((m) => m.to === "nobody@example.com")).toBe(false);

    const message = mail.filter((m) => m.to === "forgetful@example.com").at(-1);
    expect(message?.subject).toBe("Reset your Ultaura password");
    const recovery = await follow(message?.text as string);
    expect(recovery.fragment.get("type")).toBe("recovery");
    await supabase.auth.setSession({
      access_token: recovery.fragment.get("access_token") as string,
      refresh_token: recovery.fragment.get("refresh_token") as string,
    });
    const same = await supabase.auth.updateUser({ password: "old password" });
    expect(same.error?.code).toBe("same_password");
    const updated = await supabase.auth.updateUser({ password: "new password" });
    expect(updated.error).toBeNull();

    const old = await client().auth.signInWithPassword({
      email: "forgetful@example.com",
      password: "old password",
    });
    expect(old.error?.code).toBe("invalid_credentials");
    const fresh = await client().auth.signInWithPassword({
      email: "forgetful@example.com",
      password: "new password",
    });
    expect(fresh.error).toBeNull();
  });

  it("signing up again with a taken address reveals nothing of the account", async () => {
    const again = await client().auth.signUp({
      email: "new.family@example.com",
      password: "another password",
      options: { data: { full_name: "Mallory" } },
    });
    expect(again.error).toBeNull();
    expect(again.data.session).toBeNull();
    expect(again.data.user?.identities).toEqual([]);
    expect(again.data.user?.user_metadata).toEqual({});
    const mine = await client().auth.signInWithPassword({
      email: "new.family@example.com",
      password: "first password",
    });
    expect(again.data.user?.id).not.toBe(mine.data.user?.id);
  });

  it("a redirect to a foreign origin goes to the site instead", async () => {
    await client().auth.resetPasswordForEmail("forgetful@example.com", {
      redirectTo: "https://evil.example/steal",
    });
    const recovery = await follow(
      mail.filter((m) => m.to === "forgetful@example.com").at(-1)?.text as string,
    );
    expect(recovery.location.origin).toBe(ORIGIN);
  });
});
