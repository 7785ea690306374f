import postgres from "postgres";

export type Sql = postgres.Sql;
export type Tx = postgres.TransactionSql;

/** Claims as Supabase Auth puts them in a user's JWT; `sub` is the user id that `auth.uid()` returns. */
export interface JwtClaims {
  sub: string;
  role: "authenticated";
  email?: string;
  [claim: string]: unknown;
}

export interface Database {
  sql: Sql;
  /** Runs `fn` in a transaction as role `authenticated` with the user's claims, as PostgREST does: RLS decides. */
  asUser<T>(claims: JwtClaims, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `fn` in a transaction as the connecting (service) role, which bypasses RLS. Only trusted paths. */
  asService<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Round trip to the database; the health checks report its latency. */
  ping(): Promise<number>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Connections in the pool. Edge function isolates are short-lived: keep it small. */
  max?: number;
  /**
   * Named prepared statements, so Postgres plans each query once per connection instead of every time.
   * Off by default: Supabase's transaction pooler (port 6543) hands each transaction a different server
   * connection and cannot keep them; a direct or session-mode connection can.
   */
  prepare?: boolean;
}

export function createDatabase(url: string, { max = 5, prepare = false }: DatabaseOptions = {}): Database {
  const sql = postgres(url, { max, prepare, onnotice: () => {}, connect_timeout: 10 });
  return {
    sql,
    asUser: (claims, fn) =>
      sql.begin((tx) => {
        // Both settings in one statement, as PostgREST does (`true`: local to the transaction), sent at once
        // and not awaited: fn's first statement follows it on the same connection in the same round trip.
        const setup =
          tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true), set_config('role', 'authenticated', true)`.execute();
        return Promise.all([setup, Promise.resolve().then(() => fn(tx))]).then(([, result]) => result);
      }) as Promise<Awaited<ReturnType<typeof fn>>>,
    asService: (fn) => sql.begin(fn) as Promise<Awaited<ReturnType<typeof fn>>>,
    ping: async () => {
      const started = performance.now();
      await sql`select 1`;
      return performance.now() - started;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
