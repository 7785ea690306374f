import { runtimeEnv } from "../_shared/platform/config/env.ts";
import { createFunctionDeps } from "../_shared/platform/runtime/deps.ts";
import { createTwilioApp } from "./app.ts";

const app = createTwilioApp(createFunctionDeps("twilio", runtimeEnv()));
Deno.serve(app.fetch);
