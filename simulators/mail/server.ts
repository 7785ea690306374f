import { randomUUID } from "node:crypto";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { z } from "zod";

/**
 * The local mail catcher (what Inbucket/Mailpit are to Supabase's local stack): the local Auth server
 * POSTs each e-mail it would send to `/messages`; `/` lists them newest first as a web page, `/api/messages`
 * as JSON (`?to=` filters by recipient). Nothing leaves the machine.
 */
export interface CaughtMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  receivedAt: string;
}

const incoming = z.object({
  to: z.email(),
  subject: z.string().min(1).max(300),
  text: z.string().max(20_000),
});
const KEEP = 500;

export function mailCatcherApp(now: () => Date = () => new Date()) {
  const messages: CaughtMessage[] = [];
  const app = new Hono();
  app.get("/_sim/health", (c) => c.json({ ok: true, messages: messages.length }));
  app.post("/messages", async (c) => {
    const parsed = incoming.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) {
      return c.json(
        { error: { code: "bad_message", message: "A message needs to, subject and text." } },
        400,
      );
    }
    const message = { id: randomUUID(), ...parsed.data, receivedAt: now().toISOString() };
    messages.unshift(message);
    messages.length = Math.min(messages.length, KEEP);
    return c.json(message, 201);
  });
  app.get("/api/messages", (c) => {
    const to = c.req.query("to")?.toLowerCase();
    return c.json({ messages: to ? messages.filter((m) => m.to.toLowerCase() === to) : messages });
  });
  app.delete("/api/messages", (c) => {
    messages.length = 0;
    return c.body(null, 204);
  });
  app.get("/", (c) => c.html(page(messages)));
  return app;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch,
  );
/** Escaped text with its http(s) links made clickable. */
const withLinks = (text: string) =>
  escapeHtml(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);

function page(messages: CaughtMessage[]): string {
  const items = messages
    .map(
      (m) => `<article><h2>${escapeHtml(m.subject)}</h2>
<p class="meta">To ${escapeHtml(m.to)} · <time datetime="${m.receivedAt}">${m.receivedAt}</time></p>
<pre>${withLinks(m.text)}</pre></article>`,
    )
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local mail · Ultaura</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}
article{border:1px solid #ccc;border-radius:.5rem;padding:1rem;margin:1rem 0}h2{margin:0;font-size:1.1rem}
.meta{color:#555;margin:.25rem 0}pre{white-space:pre-wrap;font:inherit}</style></head>
<body><main><h1>Local mail</h1>
<p>E-mails the local Auth server sent (sign-up confirmations, password resets). Newest first; reload to see new ones.</p>
${items || "<p>No e-mail yet.</p>"}</main></body></html>`;
}

export interface MailCatcher {
  url: string;
  stop(): Promise<void>;
}

export async function startMailCatcher(options: { port: number; host?: string }): Promise<MailCatcher> {
  const host = options.host ?? "127.0.0.1";
  const app = mailCatcherApp();
  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, port: options.port, hostname: host }, (info) => resolve(info.port));
  });
  return {
    url: `http://${host}:${port}`,
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  };
}
