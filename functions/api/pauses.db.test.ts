import { describe, expect, it } from "vitest";
import { phoneNumber, useApiApp, useTestDatabase } from "../../tests/support/kit.ts";

/** Planned pauses (holidays) through the API: members plan, list and remove them; bad dates are refused. */
const database = useTestDatabase();
const api = useApiApp(database, { resetData: true });

describe("planned pauses of a line", () => {
  it("plans, lists and removes a pause in the line's dates, and refuses a backwards or endless one", async () => {
    const session = await api.signUp("pauses-owner@example.com");
    const me = api.request(session.access_token);
    await me("POST", "/accounts", { name: "The Travellers" });
    const line = await me("POST", "/lines", {
      displayName: "Rosa",
      phone: phoneNumber(),
      timezone: "Pacific/Auckland",
    });
    const path = `/lines/${line.body.id}/pauses`;

    const created = await me("POST", path, {
      startsOn: "2099-12-24",
      endsOn: "2099-12-31",
      note: "Christmas away",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      lineId: line.body.id,
      startsOn: "2099-12-24",
      endsOn: "2099-12-31",
      note: "Christmas away",
    });
    const backwards = await me("POST", path, { startsOn: "2099-12-31", endsOn: "2099-12-24" });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toContain("endsOn");
    expect((await me("POST", path, { startsOn: "2099-01-01", endsOn: "2100-06-01" })).status).toBe(400);
    expect((await me("POST", path, { startsOn: "24/12/2099", endsOn: "2099-12-31" })).status).toBe(400);
    // An ended pause is not listed.
    await database.db.sql`insert into ultaura_line_pauses (account_id, line_id, starts_on, ends_on)
      select account_id, id, '2020-01-01', '2020-01-02' from ultaura_lines where id = ${line.body.id}`;

    const listed = await me("GET", path);
    expect(listed.body.items).toEqual([created.body]);
    expect((await me("DELETE", `/pauses/${created.body.id}`)).status).toBe(204);
    expect((await me("DELETE", `/pauses/${created.body.id}`)).status).toBe(404);
    expect((await me("GET", path)).body.items).toEqual([]);
  });
});
