/// <reference lib="dom" />
// Page functions below run in the browser, hence the DOM types.
import { randomUUID } from "node:crypto";
import { createClient } from "@supabase/supabase-js";
import { beforeAll, describe, expect, inject, it } from "vitest";
import WebSocket from "ws";
import { apiClient, phoneNumber } from "../support/kit.ts";
import { inBrowser, signIn } from "./web-browser.ts";

/**
 * Issue 21: when the owner changes a line's number in the web app, the line page tells every member — the
 * owner and a family member who did nothing — who changed it, from which number to which.
 */
const { urls, env } = inject("stack");
const gateway = urls.functions.replace(/\/functions\/v1$/, "");
const password = "a long enough password";
const suffix = randomUUID().slice(0, 8);
const owner = `notice-owner-${suffix}@example.com`;
const member = `notice-member-${suffix}@example.com`;
const oldPhone = phoneNumber();
const newPhone = phoneNumber();
let lineId = "";

/** "+15555550142" as the web app writes it: "(555) 555-0142". */
const shown = (e164: string) => e164.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, "($1) $2-$3");

async function signUp(email: string): Promise<ReturnType<typeof apiClient>> {
  const supabase = createClient(gateway, env.SUPABASE_ANON_KEY ?? "", {
    realtime: { transport: WebSocket as never },
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
  const { data, error } = await supabase.auth.signUp({ email, password });
  expect(error).toBeNull();
  return apiClient(urls.functions, data.session?.access_token ?? "");
}

beforeAll(async () => {
  const owning = await signUp(owner);
  expect((await owning.accounts.$post({ json: { name: `Notice Family ${suffix}` } })).status).toBe(201);
  const created = await owning.lines.$post({
    query: {},
    json: { displayName: "Lu", phone: oldPhone, timezone: "America/New_York" },
  });
  expect(created.status).toBe(201);
  lineId = ((await created.json()) as { id: string }).id;
  const invite = await owning.account.invites.$post({ query: {}, json: { email: member } });
  const { token } = (await invite.json()) as { token: string };
  const joining = await signUp(member);
  expect((await joining.invites.accept.$post({ json: { token } })).status).toBe(200);
});

describe("the line's number-change notices", () => {
  it("show the owner's change, from and to, to the owner and to another family member", async () => {
    const notice = `${owner} changed the number from ${shown(oldPhone)} to ${shown(newPhone)}.`;
    await inBrowser("line-notices-owner", async (page) => {
      await signIn(page, urls.web, owner, password);
      await page.goto(`${urls.web}/lines/${lineId}`);
      await page.getByRole("heading", { name: "About Lu" }).waitFor();
      expect(await page.getByTestId("line-notices").count()).toBe(0);
      await page.getByLabel("Phone number").fill(newPhone);
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.getByTestId("toast-success").filter({ hasText: "settings are saved" }).waitFor();
      const notices = page.getByTestId("line-notices");
      await notices.getByRole("heading", { name: "Changes to Lu's number" }).waitFor();
      await notices.getByRole("listitem").filter({ hasText: notice }).waitFor();
    });
    await inBrowser("line-notices-member", async (page) => {
      await signIn(page, urls.web, member, password);
      await page.goto(`${urls.web}/lines/${lineId}`);
      const item = page.getByTestId("line-notices").getByRole("listitem");
      await item.filter({ hasText: notice }).waitFor();
      expect(await item.count()).toBe(1);
    });
  });
});
