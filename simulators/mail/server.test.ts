import { describe, expect, it } from "vitest";
import { mailCatcherApp } from "./server.ts";

describe("the local mail catcher", () => {
  it("keeps messages, lists them newest first as JSON and as a page with clickable links", async () => {
    const app = mailCatcherApp(() => new Date("2026-12-07T10:00:00Z"));
    const send = (to: string, subject: string, text: string) =>
      app.request("/messages", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ to, subject, text }),
      });
    expect(
      (
        await send(
          "a@example.com",
          "Confirm",
          "Open http://127.0.0.1:54321/auth/v1/verify?token=x&type=signup",
        )
      ).status,
    ).toBe(201);
    expect((await send("b@example.com", "Reset <now>", "Nothing here")).status).toBe(201);

    const all = (await (await app.request("/api/messages")).json()) as { messages: { subject: string }[] };
    expect(all.messages.map((m) => m.subject)).toEqual(["Reset <now>", "Confirm"]);
    const forA = (await (await app.request("/api/messages?to=A@example.com")).json()) as {
      messages: unknown[];
    };
    expect(forA.messages).toHaveLength(1);

    const html = await (await app.request("/")).text();
    expect(html).toContain("Reset &lt;now&gt;");
    expect(html).toContain('<a href="http://127.0.0.1:54321/auth/v1/verify?token=x&amp;type=signup">');
  });

  it("refuses a malformed message and keeps nothing", async () => {
    const app = mailCatcherApp();
    const response = await app.request("/messages", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ to: "not an address", subject: "", text: 1 }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: "bad_message", message: "A message needs to, subject and text." },
    });
    expect(((await (await app.request("/api/messages")).json()) as { messages: unknown[] }).messages).toEqual(
      [],
    );
  });
});
