import type { FunctionDeps } from "./_shared/platform/runtime/deps.ts";
import { createApiApp } from "./api/app.ts";
import { createBillingApp } from "./billing/app.ts";
import { createBridgeApp } from "./bridge/app.ts";
import { createSchedulerApp } from "./scheduler/app.ts";
import { createTwilioApp } from "./twilio/app.ts";

/** Every Edge Function by name, for the local server that serves them all on one port as Supabase does. */
export const functionFactories = {
  twilio: createTwilioApp,
  api: createApiApp,
  bridge: createBridgeApp,
  billing: createBillingApp,
  scheduler: createSchedulerApp,
} satisfies Record<
  string,
  (deps: FunctionDeps) => { fetch: (request: Request) => Response | Promise<Response> }
>;

export type FunctionName = keyof typeof functionFactories;
export const functionNames = Object.keys(functionFactories) as FunctionName[];
