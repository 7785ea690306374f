import { createFunctionApp } from "../_shared/http/app.ts";
import { databaseCheck, healthHandler } from "../_shared/http/health.ts";
import type { FunctionDeps } from "../_shared/runtime/deps.ts";

export function createBillingApp({ db, log }: FunctionDeps) {
  const app = createFunctionApp({ name: "billing", log });
  app.get("/health", healthHandler("billing", { database: databaseCheck(db.ping) }));
  return app;
}
