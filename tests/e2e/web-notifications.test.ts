/// <reference lib="dom" />
// Page functions below run in the browser, hence the DOM types.
import { describe, expect, inject, it } from "vitest";
import { phoneNumber, signUpOnStack, verifyCodeSentTo } from "../support/kit.ts";
import { inBrowser, PHONE, screenshots, scrollsSideways, seriousViolations, signIn } from "./web-browser.ts";

/**
 * A member's notification settings at phone width (issue 22): they choose the kinds of notice, save a
 * phone and verify it with the Twilio simulator's code; a trusted contact's alert choice reads as what it
 * does; a line's holiday is planned. A fresh family, so the seeded ones stay for the other tests.
 */
const { urls } = inject("stack");

async function freshFamily() {
  const { email, password, token } = await signUpOnStack("notify");
  const headers = {
    authorization: `Bearer ${token}`,
    "content-type": "application/json",
  };
  const post = (path: string, body: unknown) =>
    fetch(`${urls.functions}/api${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  expect((await post("/accounts", { name: "The Notified Family" })).status).toBe(201);
  const line = await post("/lines", {
    displayName: "Nana",
    phone: phoneNumber(),
    timezone: "America/Chicago",
  });
  expect(line.status).toBe(201);
  return { email, password, lineId: ((await line.json()) as { id: string }).id };
}

describe("the family web app: notifications, alert choices and holidays", () => {
  it("chooses notices, verifies a phone for texts, words alert tiers as they work, and plans a pause", async () => {
    const family = await freshFamily();
    const phone = phoneNumber();
    await inBrowser(
      "notifications",
      async (page) => {
        await signIn(page, urls.web, family.email, family.password);
        await page.goto(`${urls.web}/account`);
        await page.getByRole("link", { name: "Your notifications and texts" }).click();
        await page.getByRole("heading", { name: "What reaches you" }).waitFor();

        // Saved at once: the box shows the server's answer.
        await page.getByRole("checkbox", { name: /Missed calls/ }).click();
        await expect.poll(() => page.getByRole("checkbox", { name: /Missed calls/ }).isChecked()).toBe(true);
        await page.getByLabel("Phone for texts").fill(phone.replace("+1", ""));
        await page.getByRole("button", { name: "Save phone" }).click();
        await page.getByText("not verified yet").waitFor();
        await page.getByRole("button", { name: "Text me a code" }).click();
        await page.getByLabel("Code from the text").fill(await verifyCodeSentTo(phone));
        await page.getByRole("button", { name: "Verify phone" }).click();
        await page.getByText(/— verified$/).waitFor();
        expect(await scrollsSideways(page)).toBe(false);
        expect(await seriousViolations(page)).toEqual([]);
        await screenshots(page, "notifications");

        await page.goto(`${urls.web}/lines/${family.lineId}/contacts`);
        await page.getByRole("button", { name: "Add a trusted contact" }).click();
        await page.getByLabel("Name").fill("Dan");
        await page.getByLabel("Phone number").fill(phoneNumber().replace("+1", ""));
        await page.getByRole("radio", { name: /Also worrying moments/ }).check();
        await expect
          .poll(() =>
            page.getByText("Moments worth a check-in come in one summary text the next morning").count(),
          )
          .toBe(1);
        await page.getByRole("button", { name: "Add contact" }).click();
        await page.getByText("Texted about: also worrying moments").waitFor();

        await page.goto(`${urls.web}/lines/${family.lineId}/schedules`);
        await page.getByLabel("First day without calls").fill("2099-12-24");
        await page.getByLabel("Last day without calls").fill("2099-12-31");
        await page.getByRole("button", { name: "Plan a pause" }).click();
        await page.getByText("2099-12-24 to 2099-12-31").waitFor();
        expect(await scrollsSideways(page)).toBe(false);
      },
      PHONE,
    );
  });
});
