import { runtimeEnv } from "../_shared/platform/config/env.ts";
import { createFunctionDeps } from "../_shared/platform/runtime/deps.ts";
import { createSchedulerApp } from "./app.ts";

const app = createSchedulerApp(createFunctionDeps("scheduler", runtimeEnv()));
Deno.serve(app.fetch);
