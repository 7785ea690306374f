import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Client, Receiver } from "@upstash/qstash";
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../../tests/support/eventually.ts";
import { type QstashSimulator, startQstashSimulator } from "./server.ts";

const KEYS = { currentSigningKey: "sig_sim_current_key", nextSigningKey: "sig_sim_next_key" };
const TOKEN = "sim-qstash-token";

interface Received {
  headers: IncomingMessage["headers"];
  body: string;
  verified: boolean;
}

/** A destination that checks every delivery with the official SDK's Receiver, and fails on demand. */
async function destination(failFirst = 0) {
  const received: Received[] = [];
  const receiver = new Receiver(KEYS);
  let url = "";
  const server = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    const signature = String(request.headers["upstash-signature"] ?? "");
    const verified = await receiver.verify({ signature, body, url }).catch(() => false);
    received.push({ headers: request.headers, body, verified });
    response.statusCode = received.length <= failFirst ? 500 : verified ? 200 : 401;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/functions/v1/scheduler/tick`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let sim: QstashSimulator | undefined;
let target: Awaited<ReturnType<typeof destination>> | undefined;
afterEach(async () => {
  await sim?.stop();
  await target?.close();
});

describe("QStash simulator", () => {
  it("signs a schedule's delivery so the official Receiver accepts it, with QStash's headers", async () => {
    target = await destination();
    sim = await startQstashSimulator({
      port: 0,
      token: TOKEN,
      currentSigningKey: KEYS.currentSigningKey,
      schedules: [{ destination: target.url, cron: "* * * * *", scheduleId: "scd_tick" }],
    });
    const response = await fetch(`${sim.url}/_sim/tick`, { method: "POST" });
    const { deliveries } = await response.json();
    expect(deliveries).toMatchObject([
      { url: target.url, state: "delivered", attempts: [{ retried: 0, status: 200 }] },
    ]);
    expect(target.received).toHaveLength(1);
    expect(target.received[0]).toMatchObject({
      verified: true,
      headers: {
        "user-agent": "Upstash-QStash",
        "upstash-retried": "0",
        "upstash-schedule-id": "scd_tick",
        "upstash-message-id": deliveries[0].messageId,
      },
    });
  });

  it("retries a failed delivery with backoff, same message id, until it is accepted", async () => {
    target = await destination(2);
    sim = await startQstashSimulator({
      port: 0,
      token: TOKEN,
      currentSigningKey: KEYS.currentSigningKey,
      backoffScale: 0.001,
      schedules: [{ destination: target.url, cron: "* * * * *" }],
    });
    await sim.tick();
    // Retries run on the simulator's own timers (scaled backoff); the delivery settles by itself.
    await eventually(() => sim?.deliveries()[0]?.state === "delivered", { intervalMs: 10 });
    expect(target.received.map((r) => r.headers["upstash-retried"])).toEqual(["0", "1", "2"]);
    expect(new Set(target.received.map((r) => r.headers["upstash-message-id"])).size).toBe(1);
    expect(target.received.every((r) => r.verified)).toBe(true);
  });

  it("serves the official Client: schedules are created, listed and deleted; publish is delivered", async () => {
    target = await destination();
    sim = await startQstashSimulator({ port: 0, token: TOKEN, currentSigningKey: KEYS.currentSigningKey });
    const client = new Client({ token: TOKEN, baseUrl: sim.url, enableTelemetry: false });
    const { scheduleId } = await client.schedules.create({ destination: target.url, cron: "*/5 * * * *" });
    expect(await client.schedules.list()).toMatchObject([
      { scheduleId, destination: target.url, cron: "*/5 * * * *" },
    ]);
    await client.publishJSON({ url: target.url, body: { hello: "world" } });
    await eventually(() => target?.received.length === 1, { intervalMs: 10 });
    expect(target.received[0]).toMatchObject({ verified: true, body: '{"hello":"world"}' });
    await client.schedules.delete(scheduleId);
    expect(await client.schedules.list()).toEqual([]);
    const wrongToken = new Client({ token: "guess", baseUrl: sim.url, enableTelemetry: false });
    await expect(wrongToken.schedules.list()).rejects.toThrow();
  });
});
