import { runtimeEnv } from "../_shared/config/env.ts";
import { createFunctionDeps } from "../_shared/runtime/deps.ts";
import { createBillingApp } from "./app.ts";

const app = createBillingApp(createFunctionDeps("billing", runtimeEnv()));
Deno.serve(app.fetch);
