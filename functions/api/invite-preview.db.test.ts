import { describe, expect, it } from "vitest";
import { useApiApp, useTestDatabase } from "../../tests/support/kit.ts";

/**
 * Issue 21: before accepting, the invitation names the account and who invites (0036's
 * ultaura_invite_details), worded by the copy module in English or Spanish — and only for the invited address.
 */
const database = useTestDatabase();
const api = useApiApp(database, { resetData: true });

describe("the invitation, before it is accepted", () => {
  it("names the account and the inviter to the invitee only, in English or Spanish, and accepts nothing", async () => {
    const owner = api.request((await api.signUp("preview-owner@example.com")).access_token);
    expect((await owner("POST", "/accounts", { name: "The Garcias" })).status).toBe(201);
    const invite = await owner("POST", "/account/invites", { email: "preview-sibling@example.com" });
    expect(invite.status).toBe(201);
    const token = invite.body.token as string;

    const sibling = api.request((await api.signUp("preview-sibling@example.com")).access_token);
    const english = await sibling(
      "POST",
      "/invites/preview",
      { token },
      { "accept-language": "en-US,en;q=0.9" },
    );
    expect(english.status).toBe(200);
    expect(english.body).toEqual({
      accountName: "The Garcias",
      invitedBy: "preview-owner@example.com",
      invitation:
        "preview-owner@example.com invites you to join the family account “The Garcias” on Ultaura.",
    });
    const spanish = await sibling(
      "POST",
      "/invites/preview",
      { token },
      { "accept-language": "es-MX,es;q=0.9" },
    );
    expect(spanish.body.invitation).toBe(
      "preview-owner@example.com le invita a unirse a la cuenta familiar «The Garcias» en Ultaura.",
    );
    // Looking is not joining.
    expect((await sibling("GET", "/account")).status).toBe(404);

    const stranger = api.request((await api.signUp("preview-stranger@example.com")).access_token);
    const refused = await stranger("POST", "/invites/preview", { token });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe("invite_invalid");
    expect((await api.request()("POST", "/invites/preview", { token })).status).toBe(401);

    expect((await sibling("POST", "/invites/accept", { token })).status).toBe(200);
    expect((await sibling("POST", "/invites/preview", { token })).status).toBe(404);
  });
});
