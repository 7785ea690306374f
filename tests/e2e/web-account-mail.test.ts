/// <reference lib="dom" />
// Page functions below run in the browser, hence the DOM types.
import { randomUUID } from "node:crypto";
import { createClient } from "@supabase/supabase-js";
import { SignJWT } from "jose";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import WebSocket from "ws";
import { inBrowser, screenshots, seriousViolations } from "./web-browser.ts";

/**
 * Day one for a real family, with Supabase's production setting "Confirm email" on: sign-up asks them to
 * check their inbox, the link in the e-mail (caught by the local mail catcher) signs them in; "forgot
 * password" e-mails a link that lets them choose a new one.
 */
const { urls, env } = inject("stack");
const gateway = new URL(urls.functions).origin;

async function setConfirmation(on: boolean) {
  const serviceKey = await new SignJWT({ role: "service_role", iss: "supabase-demo" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(new TextEncoder().encode(env.SUPABASE_JWT_SECRET));
  const response = await fetch(`${gateway}/auth/v1/_local/settings`, {
    method: "PUT",
    headers: { apikey: serviceKey, "content-type": "application/json" },
    body: JSON.stringify({ mailer_autoconfirm: !on }),
  });
  expect(response.status).toBe(200);
}
beforeAll(() => setConfirmation(true));
afterAll(() => setConfirmation(false));

const supabase = () =>
  createClient(gateway, env.SUPABASE_ANON_KEY as string, {
    realtime: { transport: WebSocket as never },
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });

/** Opens the local mail catcher's page and clicks the link in the newest e-mail to `email`. */
async function openLinkFromMail(page: Page, email: string, subject: string) {
  await expect
    .poll(async () => {
      const response = await fetch(`${urls.mail}/api/messages?to=${encodeURIComponent(email)}`);
      const { messages } = (await response.json()) as { messages: { subject: string }[] };
      return messages[0]?.subject;
    })
    .toBe(subject);
  await page.goto(urls.mail);
  const message = page.locator("article", { hasText: email }).first();
  await message.getByRole("heading", { name: subject }).waitFor();
  await message.getByRole("link").first().click();
}

describe("the family web app: e-mail confirmation and password reset", () => {
  it("sign up → check your inbox → the link from the mail catcher → signed in", () =>
    inBrowser("sign-up-confirm", async (page) => {
      const email = `confirm-${randomUUID().slice(0, 8)}@example.com`;
      await page.goto(`${urls.web}/sign-up`);
      await page.getByLabel("E-mail").fill(email);
      await page.getByLabel("Password").fill("a-long-enough-password");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
      await page.getByRole("status").filter({ hasText: email }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshots(page, "sign-up-check-inbox");

      // Before confirming, the password alone does not sign in.
      await page.goto(`${urls.web}/sign-in`);
      await page.getByLabel("E-mail").fill(email);
      await page.getByLabel("Password").fill("a-long-enough-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").filter({ hasText: "Please confirm your e-mail first" }).waitFor();

      await openLinkFromMail(page, email, "Confirm your e-mail for Ultaura");
      await page.waitForURL(/\/welcome$/);
      await page.getByLabel("Their name").waitFor();
    }));

  it("forgot password → the e-mail → a new password → signed in, and the old password no longer works", async () => {
    const email = `forgot-${randomUUID().slice(0, 8)}@example.com`;
    const signUp = await supabase().auth.signUp({ email, password: "the-old-password" });
    expect(signUp.error).toBeNull();
    const messages = (await (
      await fetch(`${urls.mail}/api/messages?to=${encodeURIComponent(email)}`)
    ).json()) as {
      messages: { text: string }[];
    };
    const confirmLink = /http\S+\/auth\/v1\/verify\S+/.exec(messages.messages[0]?.text ?? "")?.[0] as string;
    expect((await fetch(confirmLink, { redirect: "manual" })).status).toBe(303);

    await inBrowser("forgot-password", async (page) => {
      await page.goto(`${urls.web}/sign-in`);
      await page.getByRole("link", { name: "Forgot your password?" }).click();
      await page.getByRole("heading", { name: "Reset your password" }).waitFor();
      await page.getByLabel("E-mail").fill(email);
      await page.getByRole("button", { name: "Send the link" }).click();
      await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      await openLinkFromMail(page, email, "Reset your Ultaura password");
      await page.getByRole("heading", { name: "Choose a new password" }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshots(page, "reset-password");
      await page.getByLabel("New password").fill("the-new-password");
      await page.getByRole("button", { name: "Save the new password" }).click();
      await page.waitForURL((url) => !/\/(reset-password|sign-in|auth\/callback)/.test(url.pathname));
      await page.getByRole("button", { name: /sign out/i }).waitFor();
    });

    const old = await supabase().auth.signInWithPassword({ email, password: "the-old-password" });
    expect(old.error?.code).toBe("invalid_credentials");
    const fresh = await supabase().auth.signInWithPassword({ email, password: "the-new-password" });
    expect(fresh.error).toBeNull();
  });
});
