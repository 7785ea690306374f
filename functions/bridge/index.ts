import { runtimeEnv } from "../_shared/config/env.ts";
import { createFunctionDeps } from "../_shared/runtime/deps.ts";
import { createBridgeApp } from "./app.ts";

const app = createBridgeApp(createFunctionDeps("bridge", runtimeEnv()));
Deno.serve(app.fetch);
