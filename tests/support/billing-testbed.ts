import { afterAll, beforeAll, beforeEach } from "vitest";
import { loadBillingConfig } from "../../functions/_shared/domain/billing/config.ts";
import type { BillingDeps } from "../../functions/_shared/domain/billing/deps.ts";
import type { Database } from "../../functions/_shared/platform/db.ts";
import { createLogger } from "../../functions/_shared/platform/log.ts";
import { createBillingDeps } from "../../functions/_shared/wiring/billing.ts";
import { createBillingApp } from "../../functions/billing/app.ts";
import { listen } from "../../simulators/listen.ts";
import { LOCAL_PRICE_ENV, simulatorCatalogue } from "../../simulators/stripe/catalogue.ts";
import {
  type StripeSimulator,
  seededPaidSubscription,
  startStripeSimulator,
} from "../../simulators/stripe/server.ts";
import type { TestDatabase } from "./database.ts";

export const BILLING_TEST_SECRET = "whsec_billing_test_secret";
const SECRET_KEY = "sk_test_billing_tests";

export interface BillingTestbed {
  sim: StripeSimulator;
  deps: BillingDeps;
  app: ReturnType<typeof createBillingApp>;
  webhookUrl: string;
  /** The billing settings the testbed runs with (pointing at its simulator). */
  env: Record<string, string>;
  /** Moves the injected clock. */
  setNow(date: Date): void;
  stop(): Promise<void>;
}

/**
 * The Stripe simulator over real HTTP with the seeded paid account's subscription (its period as seed.sql
 * sets it), and functions/billing served on a real port so the simulator's signed webhooks reach it as
 * Stripe's would. The clock is injected.
 */
export async function startBillingTestbed(
  db: Database,
  /** Collects every log line (JSON, debug and up) instead of printing errors only. */
  logLines?: string[],
): Promise<BillingTestbed> {
  let now = new Date();
  const catalogue = simulatorCatalogue({});
  const sim = await startStripeSimulator({
    port: 0,
    catalogue,
    webhookUrl: null,
    webhookSecret: BILLING_TEST_SECRET,
    secretKey: SECRET_KEY,
    log: () => {},
    seed: [seededPaidSubscription(catalogue)],
  });
  const env = {
    ...LOCAL_PRICE_ENV,
    STRIPE_SECRET_KEY: SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: BILLING_TEST_SECRET,
    STRIPE_API_BASE_URL: sim.url,
    WEB_APP_URL: "http://web.test",
  };
  const log = logLines
    ? createLogger({ fn: "billing-test" }, "debug", (line) => logLines.push(line))
    : createLogger({ fn: "billing-test" }, "error");
  const deps = createBillingDeps(db, loadBillingConfig(env), log, () => now);
  const app = createBillingApp({ db, log, env }, { billing: deps });
  const http = await listen(app.fetch);
  const webhookUrl = `${http.url}/billing/webhook`;
  sim.setWebhookUrl(webhookUrl);
  return {
    sim,
    deps,
    app,
    webhookUrl,
    env,
    setNow: (date) => {
      now = date;
    },
    stop: async () => {
      await http.close();
      await sim.stop();
    },
  };
}

/**
 * The billing testbed for one test file: started once, stopped after the file; before each test the data
 * is reset, the simulator emptied and the clock set to now. With `webhooks`, the simulator sends its
 * signed webhooks to the testbed's functions/billing.
 */
export function useBillingTestbed(
  database: TestDatabase,
  options: { webhooks?: boolean } = {},
): BillingTestbed {
  let bed: BillingTestbed | undefined;
  const ready = () => {
    if (!bed) throw new Error("useBillingTestbed() is ready only inside tests and hooks");
    return bed;
  };
  beforeAll(async () => {
    bed = await startBillingTestbed(database.db);
  });
  afterAll(() => bed?.stop());
  beforeEach(async () => {
    await database.resetData();
    const testbed = ready();
    testbed.sim.reset();
    if (options.webhooks) testbed.sim.setWebhookUrl(testbed.webhookUrl);
    testbed.setNow(new Date());
  });
  return {
    get sim() {
      return ready().sim;
    },
    get deps() {
      return ready().deps;
    },
    get app() {
      return ready().app;
    },
    get webhookUrl() {
      return ready().webhookUrl;
    },
    get env() {
      return ready().env;
    },
    setNow: (date: Date) => ready().setNow(date),
    stop: () => ready().stop(),
  } satisfies BillingTestbed;
}
