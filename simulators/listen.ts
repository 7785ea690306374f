import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";

export interface Listening {
  server: Server;
  url: string;
  port: number;
  /** Drops open (keep-alive) connections and resolves once the server has closed. */
  close(): Promise<void>;
}

/**
 * A fetch handler (a Hono app's `fetch`) served over real HTTP on `host:port`; port 0 takes a free one.
 * Rejects when the port cannot be taken.
 */
export async function listen(
  fetch: Parameters<typeof getRequestListener>[0],
  port = 0,
  host = "127.0.0.1",
): Promise<Listening> {
  const server = createServer(getRequestListener(fetch));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    server,
    url: `http://${host}:${bound}`,
    port: bound,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
