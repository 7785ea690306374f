import { runtimeEnv } from "../_shared/platform/config/env.ts";
import { createFunctionDeps } from "../_shared/platform/runtime/deps.ts";
import { createBridgeApp } from "./app.ts";

const app = createBridgeApp(createFunctionDeps("bridge", runtimeEnv()));
Deno.serve(app.fetch);
