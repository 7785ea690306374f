import { Hono } from "hono";
import { afterEach, describe, expect, it, vi } from "vitest";
import { signQstash } from "../../../simulators/qstash/sign.ts";
import { AppError } from "./errors.ts";
import { qstashSignature } from "./qstash-signature.ts";

const URL = "https://functions.example/scheduler/tick";
const KEYS = { current: "sig_ourCurrentKey0000000000000", next: "sig_ourNextKey000000000000000" };
// The QStash SDK's local dev server key, public in its source: must never be accepted.
const SDK_DEV_KEY = "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r";

function app() {
  return new Hono()
    .onError((error, c) => c.json({ code: error instanceof AppError ? error.code : "error" }, 401))
    .post("/scheduler/tick", qstashSignature(KEYS, URL), (c) => c.json({ ok: true }));
}

async function post(key: string) {
  const signature = await signQstash({ key, url: URL, body: "" });
  return app().request("/scheduler/tick", {
    method: "POST",
    headers: { "upstash-signature": signature },
    body: "",
  });
}

afterEach(() => vi.unstubAllEnvs());

describe("the QStash signature check", () => {
  it("accepts our key and refuses the SDK's dev key even with QSTASH_DEV set in the environment", async () => {
    vi.stubEnv("QSTASH_DEV", "true");
    expect((await post(KEYS.current)).status).toBe(200);
    expect((await post(SDK_DEV_KEY)).status).toBe(401);
  });
});
