import { createFunctionApp } from "../_shared/http/app.ts";
import { databaseCheck, healthHandler } from "../_shared/http/health.ts";
import type { FunctionDeps } from "../_shared/runtime/deps.ts";

export function createBridgeApp({ db, log }: FunctionDeps) {
  const app = createFunctionApp({ name: "bridge", log });
  app.get("/health", healthHandler("bridge", { database: databaseCheck(db.ping) }));
  return app;
}
