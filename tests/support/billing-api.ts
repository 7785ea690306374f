import { afterAll, beforeAll } from "vitest";
import { type ApiTestApp, useApiApp } from "./api-app.ts";
import { type BillingTestbed, startBillingTestbed } from "./billing-testbed.ts";
import type { TestDatabase } from "./database.ts";

type Requester = ReturnType<ApiTestApp["request"]>;

/**
 * functions/api with billing on the Stripe simulator (`startBillingTestbed`), for the file, on data reset
 * once: `owner` is the account's owner signed in, `member` a second member of the same account who is not
 * the owner, signed up under `memberEmail`.
 */
export function useBillingApi(
  database: TestDatabase,
  people: { ownerEmail: string; accountId: string; memberEmail: string },
) {
  let bed: BillingTestbed | undefined;
  let owner: Requester | undefined;
  let member: Requester | undefined;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("useBillingApi() is ready only inside tests and hooks");
    return value;
  };
  const api = useApiApp(database, { resetData: true, services: () => ({ billing: () => ready(bed).deps }) });
  beforeAll(async () => {
    bed = await startBillingTestbed(database.db);
    owner = api.request((await api.signIn(people.ownerEmail)).access_token);
    member = api.request((await api.signUpMember(people.accountId, people.memberEmail)).access_token);
  });
  afterAll(() => bed?.stop());
  return {
    api,
    get bed() {
      return ready(bed);
    },
    get owner() {
      return ready(owner);
    },
    get member() {
      return ready(member);
    },
  };
}
