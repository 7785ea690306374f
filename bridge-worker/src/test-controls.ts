import type { Hono } from "hono";
import { isSessionId } from "../../functions/_shared/contracts/index.ts";

/** The test stack's one control: reset a call's Durable Object mid-call, as a deploy does. */
export const TEST_RESET_ROUTE = "/_test/calls/:callSessionId/reset";

/**
 * Mounted always, answering only while the `BRIDGE_TEST_CONTROLS` var is "on" (the test stack's `--var`;
 * wrangler.toml keeps it "off" in every environment): otherwise the route does not exist (404). It is
 * not part of the Worker↔functions contract, and nothing in the product calls it.
 */
export function mountTestControls(app: Hono<{ Bindings: Env }>): void {
  app.post(TEST_RESET_ROUTE, async (c) => {
    const { callSessionId } = c.req.param();
    if (c.env.BRIDGE_TEST_CONTROLS !== "on" || !isSessionId(callSessionId))
      return c.json({ error: { code: "not_found", message: "No such route." } }, 404);
    const stub = c.env.CALL_BRIDGE.get(c.env.CALL_BRIDGE.idFromName(callSessionId));
    // The reset breaks the object's output gate, so the call into it always rejects: that is the reset.
    await stub.reset().catch(() => undefined);
    return c.json({ ok: true as const }, 202);
  });
}
