import { createServer, type Socket } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from "@electric-sql/pglite-socket";
import { SessionQueue } from "./pglite-queue.ts";

export interface PgliteServerOptions {
  /** Directory kept between runs; in-memory when absent. */
  dataDir?: string;
  /** 0 lets the OS choose; the chosen port is reported. */
  port: number;
  host?: string;
}

export interface PgliteServer {
  /** postgres://postgres:postgres@host:port/postgres */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Embedded Postgres (PGlite, Postgres 18 in WASM) behind the wire protocol, for `npm start` and tests.
 * One session underneath: clients take turns command by command (see SessionQueue) and transactions are
 * serialised, so lock contention (`SKIP LOCKED`) can only be tested against a real server.
 */
export async function startPgliteServer({
  dataDir,
  port,
  host = "127.0.0.1",
}: PgliteServerOptions): Promise<PgliteServer> {
  const db = await PGlite.create({
    dataDir: dataDir ?? "memory://",
    username: "postgres",
    database: "postgres",
  });
  const queue = new SessionQueue(db);
  const handlers = new Set<PGLiteSocketHandler>();
  const server = createServer((socket: Socket) => {
    // The handler's option is typed as pglite-socket's own queue class; SessionQueue has its shape.
    const queryQueue = queue as unknown as PGLiteSocketHandlerOptions["queryQueue"];
    const handler = new PGLiteSocketHandler({ closeOnDetach: true, queryQueue });
    handlers.add(handler);
    const forget = () => handlers.delete(handler);
    handler.addEventListener("close", forget);
    handler.addEventListener("error", forget);
    handler.attach(socket).catch(() => {
      forget();
      socket.destroy();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, resolve);
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://postgres:postgres@${host}:${actualPort}/postgres`,
    port: actualPort,
    stop() {
      stopped ??= (async () => {
        for (const handler of handlers) await handler.detach(true);
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await db.close();
      })();
      return stopped;
    },
  };
}
