import { runtimeEnv } from "../_shared/config/env.ts";
import { createFunctionDeps } from "../_shared/runtime/deps.ts";
import { createTwilioApp } from "./app.ts";

const app = createTwilioApp(createFunctionDeps("twilio", runtimeEnv()));
Deno.serve(app.fetch);
