/**
 * The Durable Object's sockets, one table by role (after partyserver's tagged connections): Twilio media
 * streams, numbered here as they arrive, and Grok sessions, numbered by the reducer. Each remembers whether
 * we closed it, so its close event is reported to the reducer only when the peer closed it.
 */
export type Role = "twilio" | "grok";

export interface Connection {
  readonly role: Role;
  readonly conn: number;
  readonly socket: WebSocket;
  closedByUs: boolean;
}

export class Connections {
  /** The media stream the reducer accepted: media, marks, `clear` and the call's close go to it. */
  stream: Connection | null = null;
  private readonly open: Record<Role, Map<number, Connection>> = { twilio: new Map(), grok: new Map() };
  private nextStream = 1;

  /** A media-stream socket arrives; it waits, under the number returned, for the reducer's accept or refuse. */
  arrive(socket: WebSocket): Connection {
    return this.add("twilio", this.nextStream++, socket);
  }

  add(role: Role, conn: number, socket: WebSocket): Connection {
    const connection: Connection = { role, conn, socket, closedByUs: false };
    this.open[role].set(conn, connection);
    return connection;
  }

  get(role: Role, conn: number): Connection | undefined {
    return this.open[role].get(conn);
  }

  /** The reducer took stream `conn` as the call's. */
  accept(conn: number): Connection | undefined {
    const connection = this.open.twilio.get(conn);
    if (connection) this.stream = connection;
    return connection;
  }

  /** Closes a socket we are done with (if it is still open); its close event will not count as the peer's. */
  close(connection: Connection | null | undefined, code: number, reason: string): void {
    if (!connection) return;
    connection.closedByUs = true;
    this.forget(connection);
    try {
      connection.socket.close(code, reason);
    } catch {
      // Already closed.
    }
  }

  /** A socket's close event: it is forgotten; true when the peer closed it, which the reducer must hear. */
  closed(connection: Connection): boolean {
    this.forget(connection);
    return !connection.closedByUs;
  }

  private forget(connection: Connection): void {
    this.open[connection.role].delete(connection.conn);
    if (this.stream === connection) this.stream = null;
  }
}
