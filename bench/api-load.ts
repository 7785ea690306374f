import { SignJWT } from "jose";
import type postgres from "postgres";
import { SCALE_ACCOUNT_PREFIX } from "../scripts/db/seed-scale-sql.ts";

/**
 * The pieces of the family-API benchmark (bench/api.ts): members of random scale families, their
 * tokens, and the web app's own request mix (web/src/api/queries.ts and the pages that use it), replayed
 * by concurrent clients that each keep one request in flight.
 */
export interface Visitor {
  userId: string;
  email: string;
  accountId: string;
  lines: { id: string; schedules: string[]; calls: string[] }[];
}

/** A deterministic generator (mulberry32), so the same seed replays the same families and pages. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(items: readonly T[], random: () => number): T =>
  items[Math.floor(random() * items.length)] as T;

/** One member (any role) of each of `count` random families among the first `families` of the seed. */
export async function sampleVisitors(
  sql: postgres.Sql,
  options: { families: number; count: number; random: () => number },
): Promise<Visitor[]> {
  const names = new Set<string>();
  const wanted = Math.min(options.count, options.families);
  while (names.size < wanted)
    names.add(`${SCALE_ACCOUNT_PREFIX}${1 + Math.floor(options.random() * options.families)}`);
  const rows = await sql<
    { account_id: string; members: { id: string; email: string }[]; lines: Visitor["lines"] }[]
  >`
    select a.id as account_id,
      (select json_agg(json_build_object('id', u.id, 'email', u.email) order by u.email)
        from public.ultaura_account_members m join auth.users u on u.id = m.user_id
        where m.account_id = a.id) as members,
      (select json_agg(json_build_object(
          'id', l.id,
          'schedules', (select coalesce(json_agg(s.id order by s.id), '[]') from public.ultaura_schedules s where s.line_id = l.id),
          'calls', (select coalesce(json_agg(c.id), '[]') from (
             select c.id from public.ultaura_call_sessions c where c.line_id = l.id
             order by c.created_at desc limit 30) c)
        ) order by l.id)
        from public.ultaura_lines l where l.account_id = a.id) as lines
    from public.ultaura_accounts a
    where a.name = any(${[...names]})
    order by a.name`;
  return rows.map((row) => {
    const member = pick(row.members, options.random);
    return { userId: member.id, email: member.email, accountId: row.account_id, lines: row.lines };
  });
}

/**
 * Access tokens as the local Auth server issues them (functions/_local/auth/tokens.ts), minted with the
 * local JWT secret: signing in thousands of members through PBKDF2 (600,000 iterations each) would
 * measure the password hash, not the API.
 */
export function mintToken(secret: string, visitor: Visitor, issuer: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    email: visitor.email,
    phone: "",
    app_metadata: { provider: "email", providers: ["email"] },
    user_metadata: {},
    role: "authenticated",
    aal: "aal1",
    amr: [{ method: "password", timestamp: now }],
    session_id: crypto.randomUUID(),
    is_anonymous: false,
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(issuer)
    .setSubject(visitor.userId)
    .setAudience("authenticated")
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(new TextEncoder().encode(secret));
}

export interface Sample {
  route: string;
  ms: number;
  ok: boolean;
  /** HTTP status, 0 when the request failed outright. */
  status: number;
}

type Send = (route: string, path: string, init?: RequestInit) => Promise<unknown>;

/**
 * The pages of the web app and the API requests each makes (in the order its components ask), with the
 * share of visits each page gets: the dashboard most, then activity (up to three pages by cursor).
 */
export const PAGES: {
  name: string;
  weight: number;
  visit: (send: Send, v: Visitor, r: () => number) => Promise<void>;
}[] = [
  {
    name: "dashboard",
    weight: 4,
    visit: async (send, v) => {
      await send("GET /me", "/me");
      await send("GET /usage", "/usage");
      await send("GET /lines", "/lines");
      for (const line of v.lines) {
        await send("GET /lines/:id/schedules", `/lines/${line.id}/schedules`);
        await send("GET /calls?lineId", `/calls?lineId=${line.id}`);
        await send("GET /safety-events?lineId", `/safety-events?lineId=${line.id}`);
        await send("GET /schedule-runs?lineId", `/schedule-runs?lineId=${line.id}`);
      }
    },
  },
  {
    name: "activity",
    weight: 3,
    visit: async (send, _v, r) => {
      let page = (await send("GET /calls", "/calls")) as { nextCursor: string | null } | null;
      const more = Math.floor(r() * 3);
      for (let i = 0; i < more && page?.nextCursor; i++)
        page = (await send("GET /calls?cursor", `/calls?cursor=${page.nextCursor}`)) as typeof page;
    },
  },
  {
    name: "call",
    weight: 1,
    visit: async (send, v, r) => {
      const line = pick(v.lines, r);
      if (line.calls.length > 0) await send("GET /calls/:id", `/calls/${pick(line.calls, r)}`);
    },
  },
  { name: "usage", weight: 1, visit: async (send) => void (await send("GET /usage", "/usage")) },
  {
    name: "alerts",
    weight: 1,
    visit: async (send) => void (await send("GET /safety-events", "/safety-events")),
  },
  {
    name: "memories",
    weight: 1,
    visit: async (send, v, r) =>
      void (await send("GET /lines/:id/memories", `/lines/${pick(v.lines, r).id}/memories`)),
  },
  {
    name: "line",
    weight: 2,
    visit: async (send, v, r) => {
      const line = pick(v.lines, r);
      await send("GET /lines/:id", `/lines/${line.id}`);
      await send("GET /lines/:id/schedules", `/lines/${line.id}/schedules`);
      await send("GET /lines/:id/contacts", `/lines/${line.id}/contacts`);
      await send("GET /schedule-runs?lineId", `/schedule-runs?lineId=${line.id}`);
      await send("GET /lines/:id/memories", `/lines/${line.id}/memories`);
    },
  },
  {
    name: "schedule edit",
    weight: 1,
    visit: async (send, v, r) => {
      const line = pick(v.lines, r);
      const schedule = line.schedules[0];
      if (!schedule) return;
      const localTime = `${String(9 + Math.floor(r() * 9)).padStart(2, "0")}:${pick(["00", "15", "30", "45"], r)}`;
      await send("PATCH /schedules/:id", `/schedules/${schedule}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ localTime }),
      });
      await send("GET /lines/:id/schedules", `/lines/${line.id}/schedules`);
    },
  },
];

function pickPage(random: () => number) {
  const total = PAGES.reduce((sum, page) => sum + page.weight, 0);
  let at = random() * total;
  for (const page of PAGES) {
    at -= page.weight;
    if (at < 0) return page;
  }
  return PAGES[0] as (typeof PAGES)[number];
}

/**
 * `concurrency` clients, each visiting random pages as a random visitor, one request in flight each,
 * until `until()` says stop (a deadline in the bench, a visit count in tests). Returns every request.
 */
export async function runClients(options: {
  baseUrl: string;
  visitors: { visitor: Visitor; token: string }[];
  concurrency: number;
  random: () => number;
  until: (visits: number) => boolean;
}): Promise<Sample[]> {
  const samples: Sample[] = [];
  let visits = 0;
  const client = async () => {
    while (!options.until(visits)) {
      visits++;
      const { visitor, token } = pick(options.visitors, options.random);
      const send: Send = async (route, path, init = {}) => {
        const started = performance.now();
        let ok = false;
        let status = 0;
        let body: unknown = null;
        try {
          const response = await fetch(`${options.baseUrl}${path}`, {
            ...init,
            headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
          });
          body = response.status === 204 ? null : await response.json();
          ok = response.ok;
          status = response.status;
        } catch {
          ok = false;
        }
        samples.push({ route, ms: performance.now() - started, ok, status });
        return ok ? body : null;
      };
      await pickPage(options.random).visit(send, visitor, options.random);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  return samples;
}

/** `explain (analyze, buffers)` text → which relations were read by a sequential scan. */
export function seqScans(plan: string): string[] {
  return [...plan.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1] as string);
}
