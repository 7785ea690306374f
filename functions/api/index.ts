import { runtimeEnv } from "../_shared/platform/config/env.ts";
import { createFunctionDeps } from "../_shared/platform/runtime/deps.ts";
import { createApiApp } from "./app.ts";

const app = createApiApp(createFunctionDeps("api", runtimeEnv()));
Deno.serve(app.fetch);
