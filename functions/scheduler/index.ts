import { runtimeEnv } from "../_shared/config/env.ts";
import { createFunctionDeps } from "../_shared/runtime/deps.ts";
import { createSchedulerApp } from "./app.ts";

const app = createSchedulerApp(createFunctionDeps("scheduler", runtimeEnv()));
Deno.serve(app.fetch);
