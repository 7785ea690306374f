import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * A TCP relay in front of PostgreSQL that reads the wire protocol going by, so a benchmark can see what
 * a separate process (the functions under Deno) asks the database, with its own code untouched. Per
 * connection it follows the frontend's Parse/Bind (extended protocol, text parameters) and simple Query
 * messages and the backend's ReadyForQuery: each statement's text, parameters, the request's JWT claims
 * (the parameter of `set_config('request.jwt.claims', …)`) and its round trip as the relay saw it.
 * Without TLS only (a local server): an SSLRequest is answered "N" by the server and relayed as such.
 */
export interface TappedStatement {
  text: string;
  params: (string | null)[];
  /** The claims JSON set earlier in the same transaction, if any. */
  claims: string | null;
  ms: number;
}

/** Splits a byte stream into protocol messages: a type byte and an int32 length that counts itself. */
export class MessageReader {
  private buffer: Buffer = Buffer.alloc(0);
  constructor(private startup: boolean) {}

  /** Feeds bytes; returns the complete messages (the startup packet has no type byte: type ""). */
  push(chunk: Buffer): { type: string; body: Buffer }[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const out: { type: string; body: Buffer }[] = [];
    for (;;) {
      if (this.startup) {
        if (this.buffer.length < 4) break;
        const length = this.buffer.readInt32BE(0);
        if (this.buffer.length < length) break;
        const body = this.buffer.subarray(4, length);
        this.buffer = this.buffer.subarray(length);
        // An SSLRequest (80877103) is followed by a second startup packet.
        if (!(body.length === 4 && body.readInt32BE(0) === 80877103)) this.startup = false;
        out.push({ type: "", body });
        continue;
      }
      if (this.buffer.length < 5) break;
      const length = this.buffer.readInt32BE(1);
      if (this.buffer.length < length + 1) break;
      out.push({
        type: String.fromCharCode(this.buffer[0] as number),
        body: this.buffer.subarray(5, length + 1),
      });
      this.buffer = this.buffer.subarray(length + 1);
    }
    return out;
  }
}

function cString(body: Buffer, offset: number): [string, number] {
  const end = body.indexOf(0, offset);
  return [body.toString("utf8", offset, end), end + 1];
}

/** The statement name ("" for the unnamed one) and query text of a Parse message. */
export function parseMessage(body: Buffer): { name: string; text: string } {
  const [name, afterName] = cString(body, 0);
  return { name, text: cString(body, afterName)[0] };
}

/** The prepared statement a Bind message executes ("" for the unnamed one). */
export function bindStatement(body: Buffer): string {
  return cString(body, cString(body, 0)[1])[0];
}

/** The parameter values of a Bind message (text format assumed; binary ones shown as hex). */
export function bindParams(body: Buffer): (string | null)[] {
  let offset = cString(body, cString(body, 0)[1])[1];
  const formatCount = body.readInt16BE(offset);
  const formats: number[] = [];
  offset += 2;
  for (let i = 0; i < formatCount; i++, offset += 2) formats.push(body.readInt16BE(offset));
  const count = body.readInt16BE(offset);
  offset += 2;
  const values: (string | null)[] = [];
  for (let i = 0; i < count; i++) {
    const length = body.readInt32BE(offset);
    offset += 4;
    if (length < 0) {
      values.push(null);
      continue;
    }
    const binary = (formats.length === 1 ? formats[0] : formats[i]) === 1;
    values.push(body.toString(binary ? "hex" : "utf8", offset, offset + length));
    offset += length;
  }
  return values;
}

interface Pending {
  text: string;
  params: (string | null)[];
  started: number;
}

/** Follows one client connection: statements go into a queue at Sync/Query and leave at ReadyForQuery. */
export class ConnectionTap {
  private readonly frontend = new MessageReader(true);
  private readonly backend = new MessageReader(false);
  private readonly queue: Pending[] = [];
  private current: Pending | null = null;
  private claims: string | null = null;
  /** Named prepared statements' texts: once prepared, a statement is executed by Bind alone. */
  private readonly prepared = new Map<string, string>();

  constructor(
    private readonly record: (statement: TappedStatement) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  fromClient(chunk: Buffer): void {
    for (const { type, body } of this.frontend.push(chunk)) {
      if (type === "P") {
        const { name, text } = parseMessage(body);
        if (name) this.prepared.set(name, text);
        this.current = { text, params: [], started: this.now() };
      } else if (type === "B") {
        this.current ??= {
          text: this.prepared.get(bindStatement(body)) ?? "",
          params: [],
          started: this.now(),
        };
        this.current.params = bindParams(body);
      } else if (type === "S" && this.current) {
        this.queue.push(this.current);
        this.current = null;
      } else if (type === "Q")
        this.queue.push({ text: body.toString("utf8", 0, body.length - 1), params: [], started: this.now() });
    }
  }

  fromServer(chunk: Buffer): void {
    for (const { type, body } of this.backend.push(chunk)) {
      if (type !== "Z") continue;
      const done = this.queue.shift();
      if (!done) continue;
      if (/set_config\('request\.jwt\.claims'/.test(done.text)) this.claims = done.params[0] ?? null;
      this.record({
        text: done.text,
        params: done.params,
        claims: this.claims,
        ms: this.now() - done.started,
      });
      // ReadyForQuery's status byte: I = idle, outside any transaction (the claims were `set local`).
      if (body[0] === 0x49) this.claims = null;
    }
  }
}

/** Listens on `port` (0: any) and relays every connection to `target`, recording each statement. */
export async function startTap(
  target: { host: string; port: number },
  record: (statement: TappedStatement) => void,
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    const tap = new ConnectionTap(record);
    sockets.add(client).add(upstream);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.on("data", (chunk) => {
      tap.fromClient(chunk);
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      tap.fromServer(chunk);
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the tap has no port");
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
