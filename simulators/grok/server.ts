import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { WebSocketServer } from "ws";
import { realScheduler, type Scheduler, type TimerId } from "../scheduler.ts";
import { type Cue, type Fault, isCue, toFault } from "./script.ts";
import { type SessionSnapshot, SimSession } from "./session.ts";

/**
 * A local stand-in for xAI's realtime voice API (`/v1/realtime?model=…`), plus a control surface for tests:
 *   POST /_sim/script   {cues: Cue[]}      queue cues (transcripts, function calls, reply lengths, text replies)
 *   POST /_sim/fault    Fault              {mode: "none" | "refuse" | "stall" | "garbage"}, {mode: "stall", only: "open"}
 *                                          or {mode: "drop", afterMs}
 *   GET  /_sim/health                      {ok: true} while listening
 *   GET  /_sim/sessions                    snapshots of every session so far
 *   POST /_sim/reset                       clear cues, faults and session history
 */

export interface GrokSimulatorOptions {
  port: number;
  host?: string;
  /** When given, the upgrade must carry `Authorization: Bearer <apiKey>` (401 otherwise). */
  apiKey?: string;
  log?: (line: string) => void;
  /** The clock that paces replies and faults; real timers by default. */
  scheduler?: Scheduler;
}

export interface GrokSimulator {
  url: string;
  port: number;
  stop(): Promise<void>;
  sessions(): SessionSnapshot[];
  setFault(fault: Fault): void;
  script(cues: Cue[]): void;
}

const STALL: Fault = { mode: "stall" };

export async function startGrokSimulator(options: GrokSimulatorOptions): Promise<GrokSimulator> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? (() => {});
  const scheduler = options.scheduler ?? realScheduler;
  const cues: Cue[] = [];
  let fault: Fault = { mode: "none" };
  let sessions: SimSession[] = [];
  /** Sessions stalled by `{mode: "stall", only: "open"}`; the fault itself stays as it was for new ones. */
  let stalled = new Set<SimSession>();
  const dropTimers = new Set<TimerId>();
  const wss = new WebSocketServer({ noServer: true });

  const scheduleDrop = (session: SimSession, afterMs: number) => {
    const timer = scheduler.setTimeout(() => {
      dropTimers.delete(timer);
      log(`grok-sim: dropping ${session.snapshot().id}`);
      session.close();
    }, afterMs);
    dropTimers.add(timer);
  };

  const setFault = (next: Fault) => {
    if (next.mode === "stall" && next.only === "open") {
      stalled = new Set(sessions.filter((s) => s.snapshot().open));
      return;
    }
    stalled = new Set();
    fault = next;
    if (next.mode === "drop") for (const s of sessions) if (s.snapshot().open) scheduleDrop(s, next.afterMs);
  };

  const server = createServer((req, res) => {
    // xAI's REST read of the key in use: what a health check asks to prove the key works.
    if (req.method === "GET" && new URL(req.url ?? "/", "http://sim").pathname === "/v1/api-key") {
      if (fault.mode === "refuse") return json(res, 503, { error: "Service Unavailable" });
      if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`)
        return json(res, 400, { error: "Incorrect API key provided" });
      return json(res, 200, {
        redacted_api_key: "xai-...sim",
        api_key_blocked: false,
        api_key_disabled: false,
      });
    }
    control(req, res, {
      script: (list) => cues.push(...list),
      fault: setFault,
      sessions: () => sessions.map((s) => s.snapshot()),
      reset: () => {
        cues.length = 0;
        fault = { mode: "none" };
        stalled = new Set();
        sessions = [];
      },
    }).catch((error: unknown) => json(res, 500, { error: String(error) }));
  });

  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://sim");
    const reject = (status: number, text: string) => {
      socket.end(
        `HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\nConnection: close\r\n\r\n${text}`,
      );
    };
    if (url.pathname !== "/v1/realtime") return reject(404, "Not Found");
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return reject(401, "Unauthorized");
    }
    if (fault.mode === "refuse") return reject(503, "Service Unavailable");
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session: SimSession = new SimSession(ws, url.searchParams.get("model") ?? "grok-voice-latest", {
        cues,
        fault: () => (stalled.has(session) ? STALL : fault),
        log,
        scheduler,
      });
      sessions.push(session);
      log(`grok-sim: session ${session.snapshot().id} opened`);
      if (fault.mode === "drop") scheduleDrop(session, fault.afterMs);
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port, host, resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  return {
    url: `ws://${host}:${port}/v1/realtime`,
    port,
    sessions: () => sessions.map((s) => s.snapshot()),
    setFault,
    script: (list) => cues.push(...list),
    stop: async () => {
      for (const timer of dropTimers) scheduler.clear(timer);
      for (const s of sessions) s.close();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Controls {
  script(cues: Cue[]): void;
  fault(fault: Fault): void;
  sessions(): SessionSnapshot[];
  reset(): void;
}

async function control(req: IncomingMessage, res: ServerResponse, c: Controls): Promise<void> {
  const path = new URL(req.url ?? "/", "http://sim").pathname;
  if (req.method === "GET" && path === "/_sim/health") return json(res, 200, { ok: true });
  if (req.method === "GET" && path === "/_sim/sessions") return json(res, 200, { sessions: c.sessions() });
  if (req.method !== "POST") return json(res, 404, { error: "not found" });
  let body: unknown = null;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk));
  try {
    body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : null;
  } catch {
    return json(res, 400, { error: "body must be JSON" });
  }
  if (path === "/_sim/script") {
    const cues: unknown = typeof body === "object" && body !== null && "cues" in body ? body.cues : null;
    if (!Array.isArray(cues) || !cues.every(isCue))
      return json(res, 400, { error: "expected {cues: Cue[]}" });
    c.script(cues);
    return json(res, 200, { queued: cues.length });
  }
  if (path === "/_sim/fault") {
    const fault = toFault(body);
    if (!fault)
      return json(res, 400, {
        error:
          'expected {mode: "none"|"refuse"|"stall"|"garbage"}, {mode: "stall", only: "open"} or {mode: "drop", afterMs}',
      });
    c.fault(fault);
    return json(res, 200, { fault });
  }
  if (path === "/_sim/reset") {
    c.reset();
    return json(res, 200, { ok: true });
  }
  return json(res, 404, { error: "not found" });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
