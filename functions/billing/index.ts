import { runtimeEnv } from "../_shared/platform/config/env.ts";
import { createFunctionDeps } from "../_shared/platform/runtime/deps.ts";
import { createBillingApp } from "./app.ts";

const app = createBillingApp(createFunctionDeps("billing", runtimeEnv()));
Deno.serve(app.fetch);
