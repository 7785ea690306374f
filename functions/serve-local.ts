/**
 * Local stand-in for Supabase's functions gateway: serves every function on one port under
 * /functions/v1/<name>/…, on Deno like production. Each function sees the path without the prefix,
 * exactly as on Supabase. Also serves the local Auth server on /auth/v1/… (functions/_local/auth), as
 * Supabase's gateway does. Run by `npm start`; not deployed.
 */
import { startLocalAuth } from "./_local/auth/index.ts";
import { runtimeEnv } from "./_shared/platform/config/env.ts";
import { errorBody } from "./_shared/platform/errors.ts";
import { createLogger } from "./_shared/platform/log.ts";
import { createFunctionDeps } from "./_shared/platform/runtime/deps.ts";
import { type FunctionName, functionFactories, functionNames } from "./registry.ts";

const env = runtimeEnv();
const port = Number(env.FUNCTIONS_PORT ?? "54321");
const prefix = "/functions/v1/";

const auth = await startLocalAuth(env, createLogger({ fn: "auth" }), `http://127.0.0.1:${port}`);

const apps = new Map(
  functionNames.map((name) => [name, functionFactories[name](createFunctionDeps(name, env))] as const),
);

Deno.serve(
  { hostname: "127.0.0.1", port, onListen: () => console.log(`functions listening on :${port}`) },
  (request) => {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/auth/v1/")) return auth.fetch(request);
    const name = url.pathname.startsWith(prefix)
      ? url.pathname.slice(prefix.length).split("/")[0]
      : undefined;
    const app = name ? apps.get(name as FunctionName) : undefined;
    if (!app) {
      return Response.json(errorBody("not_found", "No such function."), { status: 404 });
    }
    url.pathname = url.pathname.slice(prefix.length - 1);
    return app.fetch(new Request(url, request));
  },
);
