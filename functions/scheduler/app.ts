import { createFunctionApp } from "../_shared/http/app.ts";
import { databaseCheck, healthHandler } from "../_shared/http/health.ts";
import type { FunctionDeps } from "../_shared/runtime/deps.ts";

export function createSchedulerApp({ db, log }: FunctionDeps) {
  const app = createFunctionApp({ name: "scheduler", log });
  app.get("/health", healthHandler("scheduler", { database: databaseCheck(db.ping) }));
  return app;
}
