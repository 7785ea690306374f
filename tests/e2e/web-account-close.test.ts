/// <reference lib="dom" />
// Page functions below run in the browser, hence the DOM types.
import { readFile } from "node:fs/promises";
import { describe, expect, inject, it } from "vitest";
import { signUpOnStack } from "../support/kit.ts";
import { inBrowser, PHONE, screenshots, scrollsSideways, seriousViolations, signIn } from "./web-browser.ts";

/**
 * The owner's own copy of the family's data and closing the account, in the browser at phone width: the
 * download is the API's JSON; closing asks for DELETE typed exactly and afterwards the same sign-in
 * reaches no account. A fresh family, so the seeded ones stay for the other tests.
 */
const { urls } = inject("stack");

async function freshOwner() {
  const { email, password, token } = await signUpOnStack("close");
  const created = await fetch(`${urls.functions}/api/accounts`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "The Closing Family" }),
  });
  expect(created.status).toBe(201);
  return { email, password, token, accountId: ((await created.json()) as { id: string }).id };
}

describe("the family web app: download our data, close the account", () => {
  it("downloads the JSON, asks for DELETE typed exactly, and leaves the sign-in with no account", async () => {
    const owner = await freshOwner();
    await inBrowser(
      "account-close",
      async (page) => {
        await signIn(page, urls.web, owner.email, owner.password);
        await page.goto(`${urls.web}/account`);

        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("button", { name: "Download our data" }).click(),
        ]);
        const saved = JSON.parse(await readFile(await download.path(), "utf8"));
        expect(saved.account).toMatchObject({
          id: owner.accountId,
          name: "The Closing Family",
          role: "owner",
        });
        expect(saved.members).toEqual([expect.objectContaining({ email: owner.email, role: "owner" })]);
        expect(saved.memories).toEqual([]);

        const confirm = page.getByLabel("Type DELETE to confirm");
        await confirm.fill("delete");
        await page.getByRole("button", { name: "Close the account" }).click();
        await page.getByText("Type DELETE in capital letters to close the account.").waitFor();
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-invalid")))
          .toBe("true");
        expect(await scrollsSideways(page)).toBe(false);
        expect(await seriousViolations(page)).toEqual([]);
        await screenshots(page, "account-close-confirm");
        const stillThere = await fetch(`${urls.functions}/api/account`, {
          headers: { authorization: `Bearer ${owner.token}` },
        });
        expect(stillThere.status).toBe(200);

        await confirm.fill("DELETE");
        await page.getByRole("button", { name: "Close the account" }).click();
        await page.getByRole("heading", { name: "Your account is closed" }).waitFor();
        await page.getByRole("status").filter({ hasText: "We deleted your family's data" }).waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await page.getByRole("button", { name: "Sign out" }).click();
        await page.waitForURL(/\/sign-in/);

        // The same sign-in now reaches no account: the app starts over at "Welcome to Ultaura".
        await signIn(page, urls.web, owner.email, owner.password);
        await page.goto(urls.web);
        await page.getByRole("heading", { name: "Welcome to Ultaura" }).waitFor();
      },
      PHONE,
    );
    const after = await fetch(`${urls.functions}/api/account/export`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(after.status).toBe(404);
    expect(((await after.json()) as { error: { code: string } }).error.code).toBe("no_account");
  });
});
