import { DurableObject } from "cloudflare:workers";
import type { Env } from "./env.ts";

/** One object per call, named by the call session id. */
export class CallBridge extends DurableObject<Env> {
  override async fetch(_request: Request): Promise<Response> {
    return Response.json(
      { error: { code: "unavailable", message: "The call bridge is not running yet." } },
      { status: 503 },
    );
  }
}
