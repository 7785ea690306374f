import { expect } from "vitest";

/** A page of any keyset-paged list the family API answers. */
export type ListPage = { status: number; body: { items: { id: string }[]; nextCursor: string | null } };

/**
 * Follows `nextCursor` from the first page to the last, `limit` rows a page (`get` is handed the query
 * string to add); each page must answer 200 with at most `limit` rows. Stops after 20 pages, so a cursor
 * that never ends fails the test's comparison instead of hanging it.
 */
export async function walkPages(get: (query: string) => Promise<ListPage>, limit: number) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await get(`limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.body.items.map((item) => item.id));
    cursor = page.body.nextCursor;
    pages++;
  } while (cursor && pages < 20);
  return { ids, pages };
}
