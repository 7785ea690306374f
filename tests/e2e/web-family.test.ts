/// <reference lib="dom" />
// Page functions below run in the browser, hence the DOM types.
import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { inBrowser, signIn } from "./web-browser.ts";

const { urls, env } = inject("stack");
const password = env.SEED_USER_PASSWORD ?? "ultaura-demo-password";

describe("sharing the care: an owner invites a sibling", () => {
  it("invites by e-mail; the sibling signs up from the link, joins, sees Rose, and is listed among the owner's members", async () => {
    let link = "";
    const sibling = `sibling-${randomUUID().slice(0, 8)}@example.com`;
    await inBrowser("invite-owner", async (page) => {
      const owner = { page };
      await signIn(owner.page, urls.web, SEED.users.demo.email, password);
      await owner.page.goto(`${urls.web}/account`);
      await owner.page.getByLabel("Their e-mail").fill(sibling);
      await owner.page.getByRole("button", { name: "Invite" }).click();
      await owner.page
        .getByTestId("toast-success")
        .filter({ hasText: `Invitation ready for ${sibling}` })
        .waitFor();
      link = (await owner.page.getByTestId("invite-link").textContent()) ?? "";
      expect(link).toMatch(/\/invite\/\S{20,}$/);
      await owner.page.getByTestId("pending-invites").getByText(sibling).waitFor();
    });

    await inBrowser("invite-sibling", async (page) => {
      const guest = { page };
      await guest.page.goto(link);
      await guest.page.waitForURL(/\/sign-in$/);
      await guest.page.getByRole("link", { name: "Create an account" }).click();
      // The sign-up form replaces the sign-in form (same field names): wait for it before typing.
      await guest.page.getByRole("heading", { name: "Create your account" }).waitFor();
      await guest.page.getByLabel("E-mail").fill(sibling);
      await guest.page.getByLabel("Password").fill("a-long-enough-password");
      await guest.page.getByRole("button", { name: "Create account" }).click();
      await guest.page.getByRole("heading", { name: "Join your family on Ultaura" }).waitFor();
      // Who invites, to which account, before anything is accepted (issue 21).
      expect(await guest.page.getByTestId("invitation").textContent()).toBe(
        `${SEED.users.demo.email} invites you to join the family account “Demo Family” on Ultaura.`,
      );
      await guest.page.getByRole("button", { name: "Accept the invitation" }).click();
      await guest.page
        .getByTestId("toast-success")
        .filter({ hasText: "You've joined Demo Family" })
        .waitFor();
      await guest.page.getByTestId("line-card").filter({ hasText: "Rose" }).waitFor();
    });

    await inBrowser("invite-owner-members", async (page) => {
      await signIn(page, urls.web, SEED.users.demo.email, password);
      await page.goto(`${urls.web}/account`);
      const members = page.getByTestId("member-list");
      await members
        .getByRole("listitem")
        .filter({ hasText: sibling })
        .filter({ hasText: "Family member" })
        .waitFor();
      await members
        .getByRole("listitem")
        .filter({ hasText: SEED.users.demo.email })
        .filter({ hasText: "Owner" })
        .waitFor();
      // Rendered with the member list: the accepted invitation is no longer pending.
      expect(await page.getByTestId("pending-invites").getByText(sibling).count()).toBe(0);

      // The owner withdraws a second invitation, then removes the sibling (after confirming).
      const cousin = `cousin-${randomUUID().slice(0, 8)}@example.com`;
      await page.getByLabel("Their e-mail").fill(cousin);
      await page.getByRole("button", { name: "Invite" }).click();
      const pending = page.getByTestId("pending-invites").getByRole("listitem").filter({ hasText: cousin });
      await pending.getByRole("button", { name: "Withdraw" }).click();
      await page.getByTestId("toast-success").filter({ hasText: "Invitation withdrawn." }).waitFor();
      await pending.waitFor({ state: "detached" });

      page.once("dialog", (dialog) => void dialog.accept());
      const siblingRow = members.getByRole("listitem").filter({ hasText: sibling });
      await siblingRow.getByRole("button", { name: "Remove" }).click();
      await page.getByTestId("toast-success").filter({ hasText: "Removed from the account." }).waitFor();
      await siblingRow.waitFor({ state: "detached" });
      // The owner is never offered to remove themselves.
      expect(
        await members
          .getByRole("listitem")
          .filter({ hasText: SEED.users.demo.email })
          .getByRole("button", { name: "Remove" })
          .count(),
      ).toBe(0);
    });
  });
});
