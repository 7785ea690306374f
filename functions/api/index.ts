import { runtimeEnv } from "../_shared/config/env.ts";
import { createFunctionDeps } from "../_shared/runtime/deps.ts";
import { createApiApp } from "./app.ts";

const app = createApiApp(createFunctionDeps("api", runtimeEnv()));
Deno.serve(app.fetch);
