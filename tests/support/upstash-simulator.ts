import { afterAll, beforeAll } from "vitest";
import { startUpstashSimulator, type UpstashSimulator } from "../../simulators/upstash/index.ts";
import { exampleSetting } from "./test-env.ts";

/** The Upstash REST simulator for one test file (a redis-server when installed, else in memory), with the test environment's token. */
export function useUpstashSimulator(): { readonly url: string } {
  let sim: UpstashSimulator | undefined;
  beforeAll(async () => {
    sim = await startUpstashSimulator({ token: exampleSetting("UPSTASH_REDIS_REST_TOKEN") });
  });
  afterAll(async () => {
    await sim?.stop();
  });
  return {
    get url() {
      if (!sim) throw new Error("useUpstashSimulator() is ready only inside tests and hooks");
      return sim.url;
    },
  };
}
