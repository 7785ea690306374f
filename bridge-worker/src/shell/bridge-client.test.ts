import { describe, expect, it } from "vitest";
import { testContext } from "../call/scenario.ts";
import { BridgeCallError, createBridgeClient } from "./bridge-client.ts";
import { requestBridge } from "./bridge-replies.ts";

const session = "6f1c3c2e-8a4b-4c3d-9e2f-0a1b2c3d4e5f";
const wireContext = {
  ...testContext(),
  callSessionId: session,
  lineId: "00000000-0000-4000-8000-000000000001",
  accountId: "00000000-0000-4000-8000-000000000002",
};

/** functions/bridge replaced by a fetch that answers one fixed response and records what was asked. */
function answering(status: number, body: unknown) {
  const seen: { url: string; headers: Headers; body: string }[] = [];
  const doFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ url: String(input), headers: new Headers(init?.headers), body: String(init?.body) });
    return new Response(typeof body === "string" ? body : JSON.stringify(body), { status });
  }) as typeof fetch;
  return {
    seen,
    client: createBridgeClient("https://fn.test/functions/v1/", "secret-0123456789", session, doFetch),
  };
}

async function failure(promise: Promise<unknown>): Promise<BridgeCallError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof BridgeCallError))
    throw new Error(`expected a BridgeCallError, got ${String(error)}`);
  return error;
}

describe("bridge client", () => {
  it("posts signed JSON to the contract's route and returns the validated reply", async () => {
    const { client, seen } = answering(200, wireContext);
    expect(await client.context()).toEqual(wireContext);
    expect(seen[0]?.url).toBe(`https://fn.test/functions/v1/bridge/sessions/${session}/context`);
    expect(seen[0]?.headers.get("x-ultaura-signature")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a context missing a field or with a wrong type is malformed, and the reducer hears context.failed", async () => {
    const { apology: _missing, ...withoutApology } = wireContext;
    const wrongType = { ...wireContext, minutes: { ...wireContext.minutes, secondsRemaining: "lots" } };
    for (const body of [withoutApology, wrongType, "not json"]) {
      const { client } = answering(200, body);
      const error = await failure(client.context());
      expect(error).toMatchObject({ kind: "malformed", transient: false });
      expect(await requestBridge(client, { kind: "context" })).toMatchObject({
        event: { type: "context.failed" },
      });
    }
  });

  it("says which failures are transient: 5xx and unreachable yes, a refusal no", async () => {
    expect(
      await failure(answering(503, { error: { code: "x", message: "y" } }).client.minutes()),
    ).toMatchObject({
      kind: "failed",
      status: 503,
      transient: true,
    });
    expect(
      await failure(
        answering(404, { error: { code: "unknown_tool", message: "y" } }).client.tool("nope", "c1", {}),
      ),
    ).toMatchObject({
      kind: "refused",
      transient: false,
    });
    const down = createBridgeClient("https://fn.test", "secret-0123456789", session, (async () => {
      throw new TypeError("connection refused");
    }) as typeof fetch);
    expect(await failure(down.optOut())).toMatchObject({
      kind: "unreachable",
      status: null,
      transient: true,
    });
  });

  it("accepts a tool's refusal as an ordinary result", async () => {
    const refusal = { output: { ok: false, reason: "not_found", say: "No memory with that id was found." } };
    const { client, seen } = answering(200, refusal);
    expect(await client.tool("forget_memory", "c1", { memoryId: "m123" })).toEqual(refusal);
    expect(seen[0]?.url).toBe(`https://fn.test/functions/v1/bridge/sessions/${session}/tools/forget_memory`);
  });
});
