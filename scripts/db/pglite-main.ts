/**
 * The embedded database as its own process: PGlite (Postgres in WASM) served over the wire protocol.
 * Data lives in PGLITE_DATA_DIR so a restart keeps it.
 */
import { startPgliteServer } from "./pglite-server.ts";

const port = Number(process.env.DB_PORT ?? "54322");
const dataDir = process.env.PGLITE_DATA_DIR;
const server = await startPgliteServer({ port, dataDir });
console.log(
  `postgres (PGlite) listening on 127.0.0.1:${server.port}${dataDir ? `, data in ${dataDir}` : ""}`,
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  // Closing PGlite flushes its files; killing it mid-write could leave the data folder unusable.
  await server.stop();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
