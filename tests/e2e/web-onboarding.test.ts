/// <reference lib="dom" />
// Page functions below run in the browser, hence the DOM types.
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { phoneNumber, verifyCodeSentTo } from "../support/kit.ts";
import { simulators } from "../support/simulators.ts";
import { inBrowser, screenshots, seriousViolations } from "./web-browser.ts";

const { urls } = inject("stack");

/** A time zone where it is between 09:00 and 19:59 right now. */
function daytimeZone(): string {
  const zones = [
    "America/New_York",
    "America/Los_Angeles",
    "Pacific/Honolulu",
    "Europe/London",
    "Asia/Tokyo",
    "Asia/Kolkata",
  ];
  const hour = (zone: string) =>
    Number(
      new Intl.DateTimeFormat("en-US", { timeZone: zone, hour: "numeric", hourCycle: "h23" }).format(
        new Date(),
      ),
    );
  return zones.find((zone) => hour(zone) >= 9 && hour(zone) < 20) ?? "Asia/Tokyo";
}

async function answerCallsTo(phone: string) {
  const response = await fetch(`${urls.twilioApi}/_sim/callees`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ to: phone, answer: "answer", kind: "human", seconds: 4 }),
  });
  expect(response.ok).toBe(true);
}

async function signUp(page: Page): Promise<string> {
  const email = `family-${randomUUID().slice(0, 8)}@example.com`;
  await page.goto(`${urls.web}/sign-up`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/welcome$/);
  return email;
}

describe("the family web app: from sign-up to the first call", () => {
  it(
    "signs up, adds a loved one, verifies the phone with the simulator's code, schedules, calls, and sees the call",
    () =>
      inBrowser("onboarding", async (page) => {
        const phone = phoneNumber();
        await answerCallsTo(phone);
        await signUp(page);

        await page.getByLabel("Their name").waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await screenshots(page, "onboarding-who");
        await page.getByLabel("Their name").fill("June");
        await page.getByLabel("Their phone number").fill(phone);
        await expect.poll(() => page.getByLabel("Their time zone").inputValue()).toBe("America/New_York");
        // June lives where it is daytime now, so the test call is outside the default quiet hours (21:00–08:00).
        await page.getByLabel("Their time zone").selectOption(daytimeZone());
        await page.getByRole("button", { name: "Continue" }).click();

        await page
          .getByRole("heading", { name: "Has June agreed to get calls from an AI companion?" })
          .waitFor();
        await expect.poll(() => page.getByLabel(/has agreed to receive calls/).isChecked()).toBe(false);
        await page.getByLabel(/has agreed to receive calls/).check();
        await page.getByRole("button", { name: "Continue" }).click();

        await page.getByRole("button", { name: "Send the code" }).click();
        await page.getByLabel("The code", { exact: true }).fill("000000");
        await page.getByRole("button", { name: "Verify" }).click();
        await page.locator(".field-error").waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await screenshots(page, "onboarding-verify");
        await page.getByLabel("The code", { exact: true }).fill(await verifyCodeSentTo(phone));
        await page.getByRole("button", { name: "Verify" }).click();

        await page.getByRole("heading", { name: "When should Ultaura call June?" }).waitFor();
        await page.getByRole("button", { name: "Save call times" }).click();

        await page.getByRole("heading", { name: "Say hello now" }).waitFor();
        await page.getByRole("button", { name: "Call June now" }).click();
        await page
          .getByTestId("call-status")
          .filter({ hasText: /Call ended|No answer|didn't go through|busy/ })
          .waitFor({
            timeout: 60_000,
          });
        expect(await page.getByTestId("call-status").textContent()).toMatch(/Call ended/);
        await screenshots(page, "onboarding-call");

        await page.getByRole("link", { name: "See this call in activity" }).click();
        const row = page.getByTestId("call-row").first();
        await row.waitFor();
        expect(await row.textContent()).toMatch(/June · Ultaura called · test call/);

        // Trusted contacts: add one with their agreement, see it listed, then remove it (asked once).
        await page.getByRole("link", { name: "Home" }).click();
        await page.getByTestId("line-card").getByRole("link", { name: "June" }).click();
        await page.getByRole("link", { name: "Trusted contacts" }).click();
        await page.getByRole("button", { name: "Add a trusted contact" }).click();
        await page.getByLabel("Name", { exact: true }).fill("Sam");
        await page.getByLabel("Phone number").fill("(555) 555-0142");
        await page.getByLabel("They have agreed to receive these texts from Ultaura.").check();
        await page.getByRole("button", { name: "Add contact" }).click();
        await page.getByTestId("toast-success").filter({ hasText: "Sam is added." }).waitFor();
        const sam = page.getByRole("listitem").filter({ hasText: "Sam" });
        expect(await sam.textContent()).toContain("(555) 555-0142");
        expect(await sam.textContent()).toContain("agreed to be contacted");
        await sam.getByRole("button", { name: "Remove Sam" }).click();
        await sam.getByRole("button", { name: "Yes, remove" }).click();
        await page.getByTestId("toast-success").filter({ hasText: "Sam is removed." }).waitFor();
        await page.getByText("No trusted contacts yet.").waitFor();

        // Call times, in June's own zone: move the daily call to 09:30 and turn it off and on again.
        await page.getByRole("link", { name: "Call times" }).click();
        await page.getByText("Every day at 10:00 AM").waitFor();
        await page.getByRole("button", { name: "Change Every day at 10:00 AM" }).click();
        await page.getByLabel(/^What time, in .* time\?$/).fill("09:30");
        await page.getByRole("button", { name: "Save", exact: true }).click();
        await page.getByTestId("toast-success").filter({ hasText: "Call time saved." }).first().waitFor();
        await page.getByText("Every day at 9:30 AM").waitFor();
        await page.getByRole("button", { name: "Turn off Every day at 9:30 AM" }).click();
        await page.getByText("Turned off").waitFor();
        await page.getByRole("button", { name: "Turn on Every day at 9:30 AM" }).click();
        await page.getByText(/^Next: .*9:30 AM/).waitFor();

        // June calls in and presses 9 twice: she asked not to be called. Only the owner can turn calls back on,
        // confirming she asked for them again, with a note.
        await simulators(urls).call({ from: phone, seconds: 30, dtmf: "9@4,9@7" });
        await page.getByRole("link", { name: "Settings" }).click();
        await page.reload();
        const optedOut = page.getByRole("region", { name: "June asked not to be called" });
        await optedOut.waitFor();
        await optedOut.getByRole("button", { name: "Turn calls back on" }).click();
        await optedOut.getByText("Confirm that June asked for calls again.").waitFor();
        await optedOut.getByLabel("June has told me they want the calls again.").check();
        await optedOut
          .getByLabel("Note (who asked, and when)")
          .fill("June asked me on Sunday to start the calls again.");
        await optedOut.getByRole("button", { name: "Turn calls back on" }).click();
        await page.getByTestId("toast-success").filter({ hasText: "Calls to June are back on." }).waitFor();
        await optedOut.waitFor({ state: "detached" });
      }),
    120_000,
  );

  it(
    "completes onboarding with the keyboard alone",
    () =>
      inBrowser("keyboard-onboarding", async (page) => {
        const phone = phoneNumber();
        await answerCallsTo(phone);
        await signUp(page);
        const press = (key: string) => page.keyboard.press(key);
        /** Tabs forward until the focused element is the one named, as a keyboard user would. */
        const tabTo = async (name: string | RegExp) => {
          for (let i = 0; i < 40; i++) {
            await press("Tab");
            const focused = await page.evaluate(() => {
              const el = document.activeElement as HTMLElement | null;
              if (!el) return "";
              const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
              return `${label ?? el.closest("label")?.textContent ?? el.getAttribute("aria-label") ?? el.textContent ?? ""}`.trim();
            });
            if (typeof name === "string" ? focused === name : name.test(focused)) return;
          }
          throw new Error(`could not reach "${name}" with Tab`);
        };

        // The welcome page renders the form once it knows who is signed in.
        await page.getByLabel("Their name").waitFor();
        await tabTo("Their name");
        await page.keyboard.type("Arthur");
        await tabTo(/^Their phone number/);
        await page.keyboard.type(phone);
        await tabTo("Continue");
        await press("Enter");

        await page.getByRole("heading", { name: /Has Arthur agreed/ }).waitFor();
        await tabTo("Continue");
        await press("Enter");
        // Submitting without the box checked moves focus to it, with the reason.
        await page.locator("#agree-error").waitFor();
        expect(await page.evaluate(() => document.activeElement?.id)).toBe("agree-box");
        await press("Space");
        await tabTo("Continue");
        await press("Enter");

        await page.getByRole("heading", { name: /Verify Arthur's phone/ }).waitFor();
        await tabTo("Send the code");
        await press("Enter");
        await page.getByLabel("The code", { exact: true }).waitFor();
        // Sending puts focus in the code field.
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.getAttribute("autocomplete")))
          .toBe("one-time-code");
        await page.keyboard.type(await verifyCodeSentTo(phone));
        await press("Enter");

        await page.getByRole("heading", { name: "When should Ultaura call Arthur?" }).waitFor();
        await tabTo("Save call times");
        await press("Enter");

        await page.getByRole("heading", { name: "Say hello now" }).waitFor();
        await tabTo("Skip for now");
        await press("Enter");
        await page.getByRole("heading", { name: "You're all set" }).waitFor();
        await tabTo("Go to the dashboard");
        await press("Enter");
        await page.getByTestId("line-card").filter({ hasText: "Arthur" }).waitFor();
      }),
    120_000,
  );
});
