import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { startPgliteServer } from "./pglite-server.ts";

describe("the embedded database server", () => {
  it("keeps its data across a stop and a start, as npm start's restart does", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "ultaura-pglite-"));
    const first = await startPgliteServer({ port: 0, dataDir });
    const sql = postgres(first.url, { max: 1, onnotice: () => {} });
    await sql`create table kept (note text)`;
    await sql`insert into kept values ('still here')`;
    await sql.end();
    await first.stop();

    const second = await startPgliteServer({ port: 0, dataDir });
    const again = postgres(second.url, { max: 1, onnotice: () => {} });
    try {
      expect(await again`select note from kept`).toEqual([{ note: "still here" }]);
    } finally {
      await again.end();
      await second.stop();
    }
  }, 60_000);

  it("serves many clients at once without mixing their extended-protocol pipelines", async () => {
    const server = await startPgliteServer({ port: 0 });
    const clients = Array.from({ length: 6 }, () => postgres(server.url, { max: 2, onnotice: () => {} }));
    const admin = clients[0] as postgres.Sql;
    try {
      await admin`create table counter (n int)`;
      const work = clients.flatMap((sql, client) =>
        Array.from({ length: 20 }, async (_, i) => {
          const [row] = await sql`select ${client * 100 + i}::int as value`;
          expect(row?.value).toBe(client * 100 + i);
          await sql.begin(async (tx) => {
            await tx`insert into counter values (${i})`;
            await tx`select pg_sleep(0)`;
          });
        }),
      );
      await Promise.all(work);
      const [count] = await admin`select count(*)::int as n from counter`;
      expect(count?.n).toBe(120);
    } finally {
      await Promise.all(clients.map((sql) => sql.end()));
      await server.stop();
    }
  }, 60_000);
});
