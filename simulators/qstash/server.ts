import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { type Context, Hono } from "hono";
import { type Cron, CronError, cronMatches, parseCron } from "./cron.ts";
import { type Delivery, deliver } from "./deliver.ts";

export interface QstashScheduleInit {
  destination: string;
  cron: string;
  body?: string;
  scheduleId?: string;
}

export interface QstashSimulatorOptions {
  port: number;
  host?: string;
  /** The REST token (`QSTASH_TOKEN`) the product's Client sends as a bearer token. */
  token: string;
  /** Deliveries are signed with the current key, as QStash does; receivers also accept the next. */
  currentSigningKey: string;
  /** Schedules that exist at start (e.g. the scheduler's minute tick). */
  schedules?: QstashScheduleInit[];
  retries?: number;
  /** 1 = QStash's real backoff (12 s, 2.5 min, …); tests shrink it. */
  backoffScale?: number;
  timeoutMs?: number;
  log?: (line: string) => void;
}

interface Schedule {
  scheduleId: string;
  destination: string;
  cron: string;
  parsed: Cron;
  body: string;
  contentType: string;
  retries: number;
  createdAt: number;
  isPaused: boolean;
}

export interface QstashSimulator {
  url: string;
  port: number;
  /** Delivers every active schedule now; resolves with the deliveries after their first attempts. */
  tick(): Promise<Delivery[]>;
  deliveries(): Delivery[];
  stop(): Promise<void>;
}

const KEEP_DELIVERIES = 200;

export async function startQstashSimulator(options: QstashSimulatorOptions): Promise<QstashSimulator> {
  const log = options.log ?? (() => {});
  const schedules = new Map<string, Schedule>();
  const deliveries: Delivery[] = [];
  const retries = options.retries ?? 3;

  const addSchedule = (init: QstashScheduleInit & { contentType?: string; retries?: number }) => {
    const scheduleId = init.scheduleId ?? `scd_${crypto.randomUUID().replaceAll("-", "")}`;
    schedules.set(scheduleId, {
      scheduleId,
      destination: init.destination,
      cron: init.cron,
      parsed: parseCron(init.cron),
      body: init.body ?? "",
      contentType: init.contentType ?? "application/json",
      retries: init.retries ?? retries,
      createdAt: Date.now(),
      isPaused: false,
    });
    return scheduleId;
  };
  for (const schedule of options.schedules ?? []) addSchedule(schedule);

  const send = (url: string, body: string, contentType: string, retryCount: number, scheduleId?: string) => {
    const sent = deliver({
      url,
      body,
      contentType,
      signingKey: options.currentSigningKey,
      retries: retryCount,
      backoffScale: options.backoffScale ?? 1,
      timeoutMs: options.timeoutMs ?? 300_000,
      ...(scheduleId ? { scheduleId } : {}),
      onAttempt: (d) => {
        const last = d.attempts.at(-1);
        log(`delivery ${d.messageId} to ${d.url}: attempt ${last?.retried} → ${last?.status ?? last?.error}`);
      },
    });
    deliveries.push(sent.delivery);
    if (deliveries.length > KEEP_DELIVERIES) deliveries.shift();
    return sent;
  };
  const fire = async (due: (s: Schedule) => boolean) => {
    const sent = [...schedules.values()]
      .filter((s) => !s.isPaused && due(s))
      .map((s) => send(s.destination, s.body, s.contentType, s.retries, s.scheduleId));
    await Promise.all(sent.map((s) => s.first));
    return sent.map((s) => s.delivery);
  };

  const app = new Hono();
  const authorised = (c: Context) => c.req.header("authorization") === `Bearer ${options.token}`;
  const refuse = (c: Context) => c.json({ error: "Unauthorized" }, 401);
  // The destination is appended raw (`/v2/schedules/http://…`); some stacks squash its `//`.
  const destinationOf = (path: string, prefix: string) =>
    decodeURIComponent(path.slice(prefix.length)).replace(/^(https?:)\/+/, "$1//");

  app.onError((error, c) => {
    if (error instanceof CronError) return c.json({ error: error.message }, 400);
    log(`error ${c.req.path}: ${error.stack ?? error.message}`);
    return c.json({ error: "internal error" }, 500);
  });
  app.get("/_sim/health", (c) => c.json({ ok: true, schedules: schedules.size }));
  app.post("/_sim/tick", async (c) => c.json({ deliveries: await fire(() => true) }));
  app.get("/_sim/deliveries", (c) => c.json({ deliveries }));

  app.post("/v2/schedules/*", async (c) => {
    if (!authorised(c)) return refuse(c);
    const cron = c.req.header("upstash-cron");
    if (!cron) return c.json({ error: "Upstash-Cron header is required" }, 400);
    const scheduleId = addSchedule({
      destination: destinationOf(c.req.path, "/v2/schedules/"),
      cron,
      body: await c.req.text(),
      contentType: c.req.header("content-type") ?? "application/json",
      ...(c.req.header("upstash-schedule-id") ? { scheduleId: c.req.header("upstash-schedule-id") } : {}),
      ...(c.req.header("upstash-retries") ? { retries: Number(c.req.header("upstash-retries")) } : {}),
    });
    return c.json({ scheduleId });
  });
  const view = (s: Schedule) => ({
    scheduleId: s.scheduleId,
    cron: s.cron,
    createdAt: s.createdAt,
    destination: s.destination,
    method: "POST",
    body: s.body,
    retries: s.retries,
    isPaused: s.isPaused,
  });
  app.get("/v2/schedules", (c) => (authorised(c) ? c.json([...schedules.values()].map(view)) : refuse(c)));
  app.get("/v2/schedules/:id", (c) => {
    if (!authorised(c)) return refuse(c);
    const schedule = schedules.get(c.req.param("id"));
    return schedule ? c.json(view(schedule)) : c.json({ error: "schedule not found" }, 404);
  });
  app.delete("/v2/schedules/:id", (c) => {
    if (!authorised(c)) return refuse(c);
    schedules.delete(c.req.param("id"));
    return c.body(null, 200);
  });
  app.post("/v2/publish/*", async (c) => {
    if (!authorised(c)) return refuse(c);
    const url = destinationOf(c.req.path, "/v2/publish/");
    const header = c.req.header("upstash-retries");
    const sent = send(
      url,
      await c.req.text(),
      c.req.header("content-type") ?? "text/plain",
      header ? Number(header) : retries,
    );
    return c.json({ messageId: sent.delivery.messageId, url });
  });

  const server = createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? "127.0.0.1"}:${port}`;

  // Fires on each minute boundary, as QStash's cron does.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    timer = setTimeout(
      () => {
        const minute = new Date(Math.round(Date.now() / 60_000) * 60_000);
        fire((s) => cronMatches(s.parsed, minute)).catch((error) => log(`tick failed: ${String(error)}`));
        arm();
      },
      60_000 - (Date.now() % 60_000),
    );
    timer.unref?.();
  };
  arm();

  return {
    url,
    port,
    tick: () => fire(() => true),
    deliveries: () => [...deliveries],
    stop: async () => {
      clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
