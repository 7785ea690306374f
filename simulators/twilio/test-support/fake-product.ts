import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { Hono } from "hono";
import { validateRequest } from "twilio/lib/webhooks/webhooks.js";
import { WebSocket, WebSocketServer } from "ws";

/**
 * Stand-ins for our product at the simulator's boundary: a functions server that checks every webhook
 * with the `twilio` package's own validator (as functions/twilio does), and a bridge WebSocket server.
 */

export interface ReceivedWebhook {
  path: string;
  params: Record<string, string>;
  signatureValid: boolean;
}

export type TwimlHandler = (params: Record<string, string>) => { status?: number; body: string };

export interface FakeFunctions {
  base: string;
  received: ReceivedWebhook[];
  routes: Map<string, TwimlHandler>;
  close(): Promise<void>;
}

export async function startFakeFunctions(authToken: string): Promise<FakeFunctions> {
  const received: ReceivedWebhook[] = [];
  const routes = new Map<string, TwimlHandler>();
  let base = "";
  const app = new Hono();
  app.post("*", async (c) => {
    const params = Object.fromEntries(new URLSearchParams(await c.req.text()));
    const publicUrl = base + c.req.path;
    const signatureValid = validateRequest(
      authToken,
      c.req.header("x-twilio-signature") ?? "",
      publicUrl,
      params,
    );
    received.push({ path: c.req.path, params, signatureValid });
    if (!signatureValid) return c.text("forbidden", 403);
    const handler = routes.get(c.req.path);
    if (!handler) return c.body(null, 204);
    const { status = 200, body } = handler(params);
    return new Response(body, { status, headers: { "content-type": "text/xml" } });
  });
  const server = createServer(getRequestListener(app.fetch));
  const port = await listen(server);
  base = `http://127.0.0.1:${port}`;
  return { base, received, routes, close: () => close(server) };
}

export interface BridgeConnection {
  socket: WebSocket;
  path: string;
  /** The upgrade's X-Twilio-Signature header, if any. */
  signature: string | undefined;
  messages: Record<string, unknown>[];
  closed: Promise<void>;
  /** Resolves with the first message matching `predicate` (already received or still to come). */
  next(predicate: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

export interface FakeBridge {
  url: string;
  connections: BridgeConnection[];
  onConnection(handler: (connection: BridgeConnection) => void): void;
  close(): Promise<void>;
}

export async function startFakeBridge(): Promise<FakeBridge> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  const connections: BridgeConnection[] = [];
  let handler: (connection: BridgeConnection) => void = () => {};
  wss.on("connection", (socket, request) => {
    const messages: Record<string, unknown>[] = [];
    const waiters: {
      predicate: (m: Record<string, unknown>) => boolean;
      resolve: (m: Record<string, unknown>) => void;
    }[] = [];
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      messages.push(message);
      for (const waiter of waiters.filter((w) => w.predicate(message))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    });
    const connection: BridgeConnection = {
      socket,
      path: request.url ?? "",
      signature: [request.headers["x-twilio-signature"]].flat()[0],
      messages,
      closed,
      next: (predicate) => {
        const found = messages.find(predicate);
        if (found) return Promise.resolve(found);
        return new Promise((resolve) => waiters.push({ predicate, resolve }));
      },
    };
    connections.push(connection);
    handler(connection);
  });
  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    connections,
    onConnection: (h) => {
      handler = h;
    },
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

export function send(socket: WebSocket, message: unknown): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
  );
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
