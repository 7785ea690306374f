import { beforeAll, beforeEach } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { type BridgeApp, startLiveSession, testBridgeApp } from "./bridge-app.ts";
import type { TestDatabase } from "./database.ts";
import { TEST_KEK } from "./test-keys.ts";
import { type TwilioSimulatorHandle, UNREACHABLE_URL } from "./twilio-simulator.ts";

export interface UseBridgeAppOptions {
  /** The Twilio simulator the bridge texts through, reset before each test; without it Twilio is unreachable. */
  twilio?: TwilioSimulatorHandle;
  /** The bridge's clock. */
  now?: () => Date;
  /** Start a live outbound call on the seed's Rose line before each test (`session`). */
  roseSession?: boolean;
}

/**
 * functions/bridge on the file's database, built afresh before each test after the data is reset (and
 * the Twilio simulator, when given), optionally with Rose already in a live call.
 */
export function useBridgeApp(t: TestDatabase, options: UseBridgeAppOptions = {}) {
  let app: BridgeApp | undefined;
  let session: string | undefined;
  beforeEach(async () => {
    await t.resetData();
    options.twilio?.sim.reset();
    const url = options.twilio?.url ?? UNREACHABLE_URL;
    app = testBridgeApp(t.db, TEST_KEK, url, options.now ? { now: options.now } : {});
    if (options.roseSession) {
      session = await startLiveSession(t.db, { accountId: SEED.accounts.demo, lineId: SEED.lines.rose });
    }
  });
  return {
    get app(): BridgeApp {
      if (!app) throw new Error("useBridgeApp() is ready only inside tests and hooks");
      return app;
    },
    /** Rose's live session (with `roseSession`). */
    get session(): string {
      if (!session) throw new Error("useBridgeApp(): no live session without { roseSession: true }");
      return session;
    },
  };
}

/**
 * functions/bridge built once for the file, texting through `twilio`: for files that set their data up
 * once and keep it across tests.
 */
export function useFileBridgeApp(t: TestDatabase, twilio: TwilioSimulatorHandle) {
  let app: BridgeApp | undefined;
  beforeAll(() => {
    app = testBridgeApp(t.db, TEST_KEK, twilio.url);
  });
  return {
    get app(): BridgeApp {
      if (!app) throw new Error("useFileBridgeApp() is ready only inside tests and hooks");
      return app;
    },
  };
}
