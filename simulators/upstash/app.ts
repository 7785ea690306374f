import { Hono } from "hono";
import { encodeReply, errorText, parseCommand, parsePipeline, type Reply } from "./protocol.ts";

export interface RedisEngineLike {
  readonly kind: "redis-server" | "memory";
  exec(command: string[]): Promise<Reply>;
}

/**
 * The Upstash Redis REST endpoints @upstash/redis calls: `POST /` (one command), `POST /pipeline` and
 * `POST /multi-exec` (several, one answer each, in order), all with `Authorization: Bearer <token>`.
 * multi-exec is atomic on the in-memory engine (it runs synchronously) but not wrapped in MULTI over
 * redis-server; nothing in the product uses transactions.
 */
export function upstashApp(engine: RedisEngineLike, token: string, log: (line: string) => void = () => {}) {
  const app = new Hono();

  app.get("/_sim/health", (c) => c.json({ ok: true, engine: engine.kind }));

  app.use(async (c, next) => {
    if (c.req.header("authorization") !== `Bearer ${token}`) {
      return c.json({ error: "Unauthorized" }, 401);
    }
    await next();
  });

  const run = async (command: string[], base64: boolean) => {
    try {
      return { result: encodeReply(await engine.exec(command), base64) };
    } catch (error) {
      return { error: errorText(error) };
    }
  };
  const base64Of = (header: string | undefined) => header?.toLowerCase() === "base64";
  const readBody = async (request: Request) => request.json().catch(() => undefined);

  app.post("/", async (c) => {
    let command: string[];
    try {
      command = parseCommand(await readBody(c.req.raw));
    } catch (error) {
      return c.json({ error: errorText(error) }, 400);
    }
    const answer = await run(command, base64Of(c.req.header("upstash-encoding")));
    if ("error" in answer) log(`command ${command[0]} failed: ${answer.error}`);
    return c.json(answer, "error" in answer ? 400 : 200);
  });

  for (const path of ["/pipeline", "/multi-exec"]) {
    app.post(path, async (c) => {
      let commands: string[][];
      try {
        commands = parsePipeline(await readBody(c.req.raw));
      } catch (error) {
        return c.json({ error: errorText(error) }, 400);
      }
      const base64 = base64Of(c.req.header("upstash-encoding"));
      const answers = [];
      for (const command of commands) answers.push(await run(command, base64));
      return c.json(answers, 200);
    });
  }

  app.notFound((c) => c.json({ error: "ERR unknown endpoint" }, 404));
  return app;
}
