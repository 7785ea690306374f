import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { twilioUpgradeHeaders } from "./twilio-upgrade.ts";

/**
 * Base64 µ-law barely compresses, so permessage-deflate on the media stream is pure CPU and latency:
 * the Worker refuses it (wrangler.toml's `no_web_socket_compression`), whatever the client offers.
 */
describe("media-stream WebSocket compression", () => {
  it("agrees to no extension even when the client offers permessage-deflate", async () => {
    const session = crypto.randomUUID();
    const response = await SELF.fetch(`https://bridge.test/media-stream/${session}`, {
      headers: {
        ...(await twilioUpgradeHeaders(session)),
        "Sec-WebSocket-Extensions": "permessage-deflate; client_max_window_bits",
      },
    });
    expect(response.status).toBe(101);
    const socket = response.webSocket;
    expect(socket).not.toBeNull();
    expect(response.headers.get("Sec-WebSocket-Extensions") ?? "").toBe("");
    socket?.accept();
    socket?.close(1000, "done");
  });
});
