import { createFunctionApp } from "../_shared/http/app.ts";
import { databaseCheck, healthHandler } from "../_shared/http/health.ts";
import type { FunctionDeps } from "../_shared/runtime/deps.ts";

export function createApiApp({ db, log }: FunctionDeps) {
  const app = createFunctionApp({ name: "api", log });
  app.get("/health", healthHandler("api", { database: databaseCheck(db.ping) }));
  return app;
}
