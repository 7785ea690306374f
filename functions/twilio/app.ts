import { createFunctionApp } from "../_shared/http/app.ts";
import { databaseCheck, healthHandler } from "../_shared/http/health.ts";
import type { FunctionDeps } from "../_shared/runtime/deps.ts";

export function createTwilioApp({ db, log }: FunctionDeps) {
  const app = createFunctionApp({ name: "twilio", log });
  app.get("/health", healthHandler("twilio", { database: databaseCheck(db.ping) }));
  return app;
}
