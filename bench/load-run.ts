import { readdirSync, readFileSync } from "node:fs";
import postgres from "postgres";
import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks.js";
import type { LocalUrls } from "../scripts/stack/ports.ts";
import type { CallSummary } from "../simulators/twilio/carrier/summary.ts";
import { SEED } from "../supabase/seed-ids.ts";
import { insertDueLines } from "../tests/support/schedules.ts";
import { summarize } from "./stats.ts";

/**
 * The whole-stack load run's pieces (issue 23): N people ring our number at once through the Twilio
 * simulator — inbound webhook, warm start, the bridge Worker, Grok's simulator, tools, the end report,
 * Twilio's status callback, the ledger — while a steady stream of API reads and Twilio webhooks runs
 * beside them. Each component's CPU and memory is read from /proc for its whole process tree.
 */
export interface LoadStack {
  urls: LocalUrls;
  databaseUrl: string;
  env: Record<string, string>;
  /** Component name → process-group leader; empty when the stack is not ours to measure. */
  pids: Record<string, number>;
}

export interface LoadOptions {
  calls: number;
  /** How long each person stays on the line. */
  seconds: number;
  /** API reads and Twilio webhooks per second, each, beside the calls. */
  sidePerSecond: number;
  /** Distinguishes runs on one database (the callers' numbers derive from it), 1–9. */
  batch: number;
}

export interface LoadResult {
  calls: number;
  errors: string[];
  callerFramesSent: number;
  framesReachingGrok: number;
  framesLost: number;
  assistantAudioMsHeard: number;
  firstAudioMs: ReturnType<typeof summarize>;
  /** The side traffic's Twilio status callbacks. */
  webhookMs: ReturnType<typeof summarize>;
  /** Twilio's requests for the calls themselves (inbound, the stream's end action). */
  callWebhookMs: ReturnType<typeof summarize>;
  apiMs: ReturnType<typeof summarize>;
  processes: Record<string, { cpuPercent: number; maxRssMb: number }>;
  wallSeconds: number;
  loadAverage: string;
}

/** `calls` paid accounts, each with one verified line whose number will ring in. Returns the numbers. */
export async function prepareCallers(databaseUrl: string, calls: number, batch: number): Promise<string[]> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const lineIds = await insertDueLines(sql as never, {
      count: calls,
      batch,
      // Never due while we run: these are people who call us.
      dueAt: new Date(Date.now() + 365 * 86_400_000),
    });
    const rows = await sql<{ phone_e164: string }[]>`
      select phone_e164 from public.ultaura_lines where id in ${sql(lineIds)} order by phone_e164`;
    return rows.map((r) => r.phone_e164);
  } finally {
    await sql.end();
  }
}

export async function runWholeStackLoad(stack: LoadStack, options: LoadOptions): Promise<LoadResult> {
  const phones = await prepareCallers(stack.databaseUrl, options.calls, options.batch);
  const grokBefore = await grokAppends(stack.urls);
  const cpu = new ProcessMeter(stack.pids);
  const side = sideTraffic(stack, options.sidePerSecond);
  const started = performance.now();
  const speak = speechWindows(options.seconds);
  const placed = await Promise.all(
    phones.map(async (from) => {
      try {
        const response = await fetch(`${stack.urls.twilioApi}/_sim/calls/inbound`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ from, seconds: options.seconds, speak }),
        });
        if (!response.ok) return `placing a call from ${from}: ${response.status} ${await response.text()}`;
        return (await response.json()) as CallSummary;
      } catch (error) {
        return `placing a call from ${from}: ${String((error as Error).cause ?? error)}`;
      }
    }),
  );
  const summaries = placed.filter((p): p is CallSummary => typeof p !== "string");
  const wallSeconds = (performance.now() - started) / 1000;
  const traffic = await side.stop();
  const processes = cpu.stop();
  const errors = [...traffic.errors, ...placed.filter((p): p is string => typeof p === "string")];
  for (const call of summaries) errors.push(...callErrors(call));
  errors.push(...(await ledgerErrors(stack.databaseUrl, summaries)));
  const callerFramesSent = summaries.reduce(
    (sum, call) => sum + call.streams.reduce((s, stream) => s + (stream.sent.media ?? 0), 0),
    0,
  );
  const framesReachingGrok = (await grokAppends(stack.urls)) - grokBefore;
  if (summaries.length === 0) errors.push("no call was placed");
  return {
    calls: summaries.length,
    errors,
    callerFramesSent,
    framesReachingGrok,
    framesLost: Math.max(0, callerFramesSent - framesReachingGrok),
    assistantAudioMsHeard: summaries.reduce(
      (sum, call) => sum + call.streams.reduce((s, stream) => s + stream.audioReceivedMs, 0),
      0,
    ),
    firstAudioMs: summarize(
      summaries.flatMap((c) => (c.firstAudioLatencyMs === null ? [] : [c.firstAudioLatencyMs])),
    ),
    webhookMs: summarize(traffic.webhookMs),
    callWebhookMs: summarize(summaries.flatMap((c) => c.webhooks.map((w) => w.ms))),
    apiMs: summarize(traffic.apiMs),
    processes,
    wallSeconds: Math.round(wallSeconds * 10) / 10,
    loadAverage: readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" "),
  };
}

/** The person speaks two seconds out of every ten, from the second second on. */
function speechWindows(seconds: number): string {
  const windows: string[] = [];
  for (let t = 2; t + 2 < seconds; t += 10) windows.push(`${t}-${t + 2}`);
  return windows.join(",") || "1-2";
}

/** What went wrong on one call, as the person would notice or the books would show. */
function callErrors(call: CallSummary): string[] {
  const errors: string[] = [];
  const tag = `${call.callSid} from ${call.from}`;
  if (call.status !== "completed") errors.push(`${tag}: ended ${call.status}`);
  if (call.endedBy !== "person") errors.push(`${tag}: ended by ${call.endedBy} (${call.endReason})`);
  if (call.streams.length !== 1) errors.push(`${tag}: ${call.streams.length} streams`);
  for (const stream of call.streams) {
    if (stream.handshakeError) errors.push(`${tag}: handshake ${stream.handshakeError}`);
    for (const problem of stream.protocolErrors) errors.push(`${tag}: ${problem}`);
  }
  if (call.firstAudioLatencyMs === null) errors.push(`${tag}: never heard the assistant`);
  for (const hook of call.webhooks)
    if (hook.httpStatus !== 200)
      errors.push(`${tag}: webhook ${hook.url} ${hook.httpStatus} ${hook.error ?? ""}`);
  return errors;
}

/** Every call is in the ledger exactly once, with Twilio's duration. */
async function ledgerErrors(databaseUrl: string, calls: CallSummary[]): Promise<string[]> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ sid: string; n: number; seconds: number | null }[]>`
      select s.twilio_call_sid as sid, count(l.id)::int as n, max(l.seconds_connected) as seconds
      from public.ultaura_call_sessions s left join public.ultaura_minute_ledger l on l.call_session_id = s.id
      where s.twilio_call_sid in ${sql(calls.map((c) => c.callSid))} group by s.twilio_call_sid`;
    const bySid = new Map(rows.map((r) => [r.sid, r]));
    return calls.flatMap((call) => {
      const row = bySid.get(call.callSid);
      if (!row) return [`${call.callSid}: no session`];
      if (row.n !== 1) return [`${call.callSid}: ${row.n} ledger rows`];
      return [];
    });
  } finally {
    await sql.end();
  }
}

/** Audio frames Grok's simulator has received so far, over every session. */
async function grokAppends(urls: LocalUrls): Promise<number> {
  const base = urls.grokRealtime.replace("ws://", "http://").replace("/v1/realtime", "");
  const { sessions } = (await (await fetch(`${base}/_sim/sessions`)).json()) as {
    sessions: { received: string[] }[];
  };
  return sessions.reduce(
    (sum, s) => sum + s.received.filter((t) => t === "input_audio_buffer.append").length,
    0,
  );
}

/**
 * A family reading its account through the API and Twilio status callbacks for calls long over, each
 * `perSecond` times a second, until stopped.
 */
function sideTraffic(stack: LoadStack, perSecond: number) {
  const apiMs: number[] = [];
  const webhookMs: number[] = [];
  const errors: string[] = [];
  const gateway = stack.urls.functions.replace("/functions/v1", "");
  const token = fetch(`${gateway}/auth/v1/token?grant_type=password`, {
    method: "POST",
    headers: { apikey: stack.env.SUPABASE_ANON_KEY ?? "", "content-type": "application/json" },
    body: JSON.stringify({ email: SEED.users.demo.email, password: stack.env.SEED_USER_PASSWORD }),
  }).then(async (r) => ((await r.json()) as { access_token?: string }).access_token ?? "");
  token.catch((error) => errors.push(`sign-in: ${String(error)}`));
  const timed = async (into: number[], what: string, send: () => Promise<Response>) => {
    const started = performance.now();
    try {
      const response = await send();
      await response.arrayBuffer();
      if (response.status >= 300) errors.push(`${what}: ${response.status}`);
    } catch (error) {
      errors.push(`${what}: ${String(error)}`);
    }
    into.push(performance.now() - started);
  };
  const statusUrl = `${stack.urls.functions}/twilio/status`;
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  const timer = setInterval(
    () => {
      sent++;
      const api = timed(apiMs, "api", async () =>
        fetch(`${stack.urls.functions}/api/me`, { headers: { authorization: `Bearer ${await token}` } }),
      );
      const params = {
        CallSid: `CA${String(sent).padStart(32, "0")}`,
        AccountSid: stack.env.TWILIO_ACCOUNT_SID ?? "",
        CallStatus: "completed",
        CallDuration: "30",
        SequenceNumber: "3",
      };
      const webhook = timed(webhookMs, "status webhook", () =>
        fetch(statusUrl, {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            "x-twilio-signature": getExpectedTwilioSignature(
              stack.env.TWILIO_AUTH_TOKEN ?? "",
              statusUrl,
              params,
            ),
          },
          body: new URLSearchParams(params),
        }),
      );
      for (const p of [api, webhook]) {
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
      }
    },
    Math.max(10, Math.round(1000 / perSecond)),
  );
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      return { apiMs, webhookMs, errors };
    },
  };
}

/** CPU time and peak resident memory of each component's whole process tree, sampled every second. */
class ProcessMeter {
  private readonly startCpu: Record<string, number>;
  private readonly peakRss: Record<string, number> = {};
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;
  private readonly ticks = 100; // USER_HZ on Linux

  constructor(private readonly pids: Record<string, number>) {
    this.startCpu = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, this.tree(pid).cpu]));
    this.timer = setInterval(() => this.sample(), 1000);
    this.sample();
  }

  stop(): Record<string, { cpuPercent: number; maxRssMb: number }> {
    clearInterval(this.timer);
    this.sample();
    const seconds = (performance.now() - this.started) / 1000;
    return Object.fromEntries(
      Object.entries(this.pids).map(([name, pid]) => [
        name,
        {
          cpuPercent:
            Math.round(((this.tree(pid).cpu - (this.startCpu[name] ?? 0)) / this.ticks / seconds) * 1000) /
            10,
          maxRssMb: Math.round((this.peakRss[name] ?? 0) / 1024 / 1024),
        },
      ]),
    );
  }

  private sample(): void {
    for (const [name, pid] of Object.entries(this.pids)) {
      this.peakRss[name] = Math.max(this.peakRss[name] ?? 0, this.tree(pid).rss);
    }
  }

  /** Clock ticks of CPU and bytes resident of `root` and every process below it. */
  private tree(root: number): { cpu: number; rss: number } {
    const stats = new Map<number, { ppid: number; cpu: number; rss: number }>();
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const text = readFileSync(`/proc/${entry}/stat`, "utf8");
        // The command name may hold spaces; the fields after its closing parenthesis do not.
        const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
        stats.set(Number(entry), {
          ppid: Number(fields[1]),
          cpu: Number(fields[11]) + Number(fields[12]),
          rss: Number(fields[21]) * 4096,
        });
      } catch {
        // The process ended between listing and reading.
      }
    }
    let cpu = 0;
    let rss = 0;
    const queue = [root];
    while (queue.length > 0) {
      const pid = queue.pop() as number;
      const stat = stats.get(pid);
      if (!stat) continue;
      cpu += stat.cpu;
      rss += stat.rss;
      for (const [child, s] of stats) if (s.ppid === pid) queue.push(child);
    }
    return { cpu, rss };
  }
}
