import type postgres from "postgres";

/**
 * The bulk tables' indexes — primary keys and unique constraints included, with the foreign keys that
 * reference them — are dropped while the history is written and built again afterwards from their own
 * definitions: a sorted build instead of tens of millions of random b-tree inserts, which made each chunk
 * slower than the last once the indexes outgrew shared buffers. Whatever migrations add to these tables
 * is read from the catalogue, so it is dropped and rebuilt the same way.
 */
export interface DroppedIndexes {
  /** Per table, the statements that rebuild its keys and indexes (in order; tables may run in parallel). */
  tables: string[][];
  /** Foreign keys added back `not valid` (each takes a lock on the referenced table, so one at a time). */
  foreignKeys: string[];
  /** Then validated, which may run in parallel. */
  validations: string[];
}

export async function dropBulkIndexes(sql: postgres.Sql, tables: readonly string[]): Promise<DroppedIndexes> {
  const oids = tables.map((t) => `public.${t}`);
  const constraints = await sql<{ tab: string; name: string; type: string; def: string }[]>`
    select c.conrelid::regclass::text as tab, c.conname as name, c.contype as type,
      pg_get_constraintdef(c.oid) as def
    from pg_constraint c
    where (c.contype in ('p', 'u', 'x') and c.conrelid = any(${oids}::regclass[]))
       or (c.contype = 'f' and c.confrelid = any(${oids}::regclass[]))
    order by c.contype desc, c.conrelid::regclass::text, c.conname`;
  const indexes = await sql<{ tab: string; name: string; def: string }[]>`
    select i.indrelid::regclass::text as tab, i.indexrelid::regclass::text as name,
      pg_get_indexdef(i.indexrelid) as def
    from pg_index i
    where i.indrelid = any(${oids}::regclass[])
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.conrelid = i.indrelid)
    order by 2`;
  const foreign = constraints.filter((c) => c.type === "f");
  const keys = constraints.filter((c) => c.type !== "f");
  await sql.begin(async (tx) => {
    for (const c of [...foreign, ...keys])
      await tx.unsafe(`alter table ${c.tab} drop constraint "${c.name}"`);
    for (const i of indexes) await tx.unsafe(`drop index ${i.name}`);
  });
  const byTable = new Map<string, string[]>();
  const add = (tab: string, statement: string) => byTable.set(tab, [...(byTable.get(tab) ?? []), statement]);
  for (const c of keys) add(c.tab, `alter table ${c.tab} add constraint "${c.name}" ${c.def}`);
  for (const i of indexes) add(i.tab, i.def);
  return {
    tables: [...byTable.values()],
    foreignKeys: foreign.map((c) => `alter table ${c.tab} add constraint "${c.name}" ${c.def} not valid`),
    validations: foreign.map((c) => `alter table ${c.tab} validate constraint "${c.name}"`),
  };
}
