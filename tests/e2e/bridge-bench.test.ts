import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLoad } from "../../bench/bridge-load.ts";
import { type BridgePeers, startBridgePeers } from "../../bench/bridge-peers.ts";
import {
  BENCH_SECRET,
  BENCH_TWILIO_AUTH,
  benchTargetOptions,
  startTarget,
  type TargetName,
} from "../../bench/bridge-targets.ts";

const root = resolve(import.meta.dirname, "../..");

/**
 * The bridge benchmark's paths, each under a tiny load: the figures `npm run bench bridge` prints are only
 * worth comparing if every path really relays the tagged audio both ways, loses nothing and is measured.
 */
describe("the bridge benchmark's paths relay audio both ways", () => {
  let peers: BridgePeers;
  let firstCall = 0;
  beforeAll(async () => {
    peers = await startBridgePeers();
  });
  afterAll(() => peers.stop());

  it.each<TargetName>(["direct", "floor", "peer"])("%s", async (path) => {
    const target = await startTarget(
      path,
      benchTargetOptions(root, peers, () => {}),
    );
    try {
      const result = await runLoad(target, peers, {
        calls: 2,
        seconds: 3,
        firstCall,
        secret: BENCH_SECRET,
        twilioAuth: BENCH_TWILIO_AUTH,
      });
      firstCall += 2;
      expect(result.framesLost).toEqual({ twilioToGrok: 0, grokToTwilio: 0 });
      expect(result.twilioToGrokMs.count).toBeGreaterThan(100);
      expect(result.grokToTwilioMs.count).toBeGreaterThan(100);
      expect(result.cpuMsPerCallMinute.worker).toBeGreaterThan(0);
      // No path may deflate the media stream, whatever the client offers.
      expect(result.negotiatedExtensions.twilio).toEqual([""]);
    } finally {
      await target.stop();
    }
  });
});
