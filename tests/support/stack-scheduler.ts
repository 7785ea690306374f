import { expect } from "vitest";
import type { Database } from "../../functions/_shared/platform/db.ts";
import { createLogger } from "../../functions/_shared/platform/log.ts";
import { createSchedulerApp } from "../../functions/scheduler/app.ts";
import { signQstash } from "../../simulators/qstash/sign.ts";

/**
 * functions/scheduler in the test's own process, against the e2e stack's database and simulators (its env),
 * so the test moves its clock; `tick()` posts a tick signed as QStash signs it and answers its JSON body.
 */
export function stackScheduler(db: Database, env: Record<string, string | undefined>, now: () => Date) {
  const scheduler = createSchedulerApp({ db, log: createLogger({}, "warn"), env }, { now });
  return async function tick(): Promise<unknown> {
    const body = "";
    const signature = await signQstash({
      key: env.QSTASH_CURRENT_SIGNING_KEY as string,
      url: `${env.FUNCTIONS_PUBLIC_URL}/scheduler/tick`,
      body,
    });
    const response = await scheduler.request("/scheduler/tick", {
      method: "POST",
      headers: { "upstash-signature": signature, "content-type": "application/json" },
      body,
    });
    expect(response.status).toBe(200);
    return response.json();
  };
}
