import { describe, expect, it } from "vitest";
import { Connections } from "./connections.ts";

/** Just the part of a WebSocket the table touches: close, recorded (and failing once closed, as workerd's does). */
function fakeSocket() {
  const closes: [number, string][] = [];
  const socket = {
    close(code: number, reason: string) {
      if (closes.length > 0) throw new Error("already closed");
      closes.push([code, reason]);
    },
  };
  return { socket: socket as unknown as WebSocket, closes };
}

describe("the object's connections", () => {
  it("numbers arriving streams, and the accepted one is the call's stream", () => {
    const sockets = new Connections();
    const first = sockets.arrive(fakeSocket().socket);
    const second = sockets.arrive(fakeSocket().socket);
    expect([first.conn, second.conn]).toEqual([1, 2]);
    expect(sockets.stream).toBeNull();
    expect(sockets.accept(2)).toBe(second);
    expect(sockets.stream).toBe(second);
    expect(sockets.accept(7)).toBeUndefined();
    expect(sockets.stream).toBe(second);
  });

  it("a socket we close is forgotten, and its close event is not the peer's", () => {
    const sockets = new Connections();
    const { socket, closes } = fakeSocket();
    const stream = sockets.arrive(socket);
    sockets.accept(stream.conn);
    sockets.close(stream, 1008, "no valid start");
    expect(closes).toEqual([[1008, "no valid start"]]);
    expect(sockets.stream).toBeNull();
    expect(sockets.get("twilio", stream.conn)).toBeUndefined();
    expect(sockets.closed(stream)).toBe(false);
    // Closing it again (or a connection already gone) is harmless.
    sockets.close(stream, 1000, "call ended");
    sockets.close(undefined, 1000, "call ended");
  });

  it("a socket the peer closes is forgotten and reported", () => {
    const sockets = new Connections();
    const session = sockets.add("grok", 3, fakeSocket().socket);
    const stream = sockets.arrive(fakeSocket().socket);
    sockets.accept(stream.conn);
    expect(sockets.get("grok", 3)).toBe(session);
    expect(sockets.closed(session)).toBe(true);
    expect(sockets.get("grok", 3)).toBeUndefined();
    expect(sockets.stream).toBe(stream);
    expect(sockets.closed(stream)).toBe(true);
    expect(sockets.stream).toBeNull();
  });

  it("roles keep their own numbers: Grok session 1 is not stream 1", () => {
    const sockets = new Connections();
    const stream = sockets.arrive(fakeSocket().socket);
    const session = sockets.add("grok", 1, fakeSocket().socket);
    expect(sockets.get("twilio", 1)).toBe(stream);
    expect(sockets.get("grok", 1)).toBe(session);
  });
});
