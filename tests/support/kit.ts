/**
 * The test kit: everything a test file sets up, in one place (tests/support/). Test files import from
 * here; the simulators' own unit tests import the light modules they need directly (the kit also loads
 * functions/api).
 * - `useTestDatabase()` — the run's database (db project), reset and queried as any role.
 * - `useTwilioSimulator()`, `useUpstashSimulator()` — simulators on free ports for the file.
 * - `useSimulatedApi(database)` — the two simulators and `useApiApp` pointed at them, in one call.
 * - `useApiApp(database)` — functions/api and the local Auth server; `apiClient()` — the web's typed client.
 * - `testBridgeApp(db, kek, twilioUrl)` — functions/bridge; `bridgePost`/`callTool` sign requests as the Worker does.
 * - `useBridgeApp(t, { twilio?, now?, roseSession? })` — that app rebuilt before each test on reset data
 *   (`bridge.app`), optionally with Rose already in a live call (`bridge.session`); `useFileBridgeApp(t, twilio)`
 *   — built once for a file whose data is set up once.
 * - `startBillingTestbed(db)` — the Stripe simulator and functions/billing on real ports, clock injected.
 * - `useBillingTestbed(database, { webhooks? })` — that testbed for the file, emptied and its clock set to
 *   now before each test, on reset data.
 * - `useBillingApi(database, { ownerEmail, accountId, memberEmail })` — useApiApp with billing on that
 *   testbed, the owner signed in and a second member signed up (`owner`, `member`, `bed`, `api`).
 * - `walkPages()` — follows a keyset-paged list's cursors to the end.
 * - `eventually()` — polls a condition the product reaches on its own, with a deadline.
 * - `phoneNumber()` — a fictional +1 555 number (55x-01xx) no other test of the run has.
 * - `testEnv`, `FAKE_TWILIO` — `.env.example` parsed once; the one fake Twilio account.
 * - `seededUserToken(email)`, `signUpOnStack(prefix)`, `verifyCodeSentTo(phone)` — the e2e stack's Auth as the
 *   web app signs in or up, and the Verify code its Twilio simulator sent.
 * - `stackScheduler()` — functions/scheduler against the e2e stack, ticked as QStash signs, on the test's clock.
 * - `scheduleRuns(sql, lineId)` — a line's schedule runs (attempt, state, result, outcome, due_at), in order.
 * - `NEXT_RUN_ZONES`, `NEXT_RUN_TIMES` — the zones and local times schedule planning is checked across.
 * - `ManualScheduler` — a clock the test moves, for the simulators' `scheduler` option.
 * - `schedulerHarness()` — functions/scheduler with signed ticks and Twilio's call creation recorded.
 * - `twilioTestApp(db)` — functions/twilio with Twilio-signed form posts (`post`); `newCallSid()`.
 * - `notifyDeps(db, twilioUrl)` — what `notifyMembers` needs, texting through the Twilio simulator.
 * - `addMemory(database, memory)` — a memory stored as the service stores it; `familyMemories(db, keyring,
 *   claims, lineId)` — a line's memories as the family sees them (decrypted).
 * - `addNotifiedMember`, `addAgreedContact` — a line's family member and trusted contact (care circle).
 * - the Twilio Media Stream builders, from the simulator itself.
 */
export {
  connectedMessage,
  dtmfMessage,
  markMessage,
  mediaMessage,
  startMessage,
  stopMessage,
} from "../../simulators/twilio/index.ts";
export {
  type ApiClient,
  type ApiTestApp,
  apiClient,
  apiTestEnv,
  type Session,
  useApiApp,
} from "./api-app.ts";
export { useBillingApi } from "./billing-api.ts";
export {
  BILLING_TEST_SECRET,
  type BillingTestbed,
  startBillingTestbed,
  useBillingTestbed,
} from "./billing-testbed.ts";
export {
  type BridgeApp,
  bridgePost,
  bridgeTestEnv,
  callTool,
  startLiveSession,
  TEST_BRIDGE_SECRET,
  TEST_TWILIO,
  type ToolResponseBody,
  testBridgeApp,
} from "./bridge-app.ts";
export { addAgreedContact, addNotifiedMember } from "./care-circle.ts";
export { type Actor, type Outcome, type TestDatabase, useTestDatabase } from "./database.ts";
export { eventually } from "./eventually.ts";
export { type Heard, heardTimeline, nextHeard, silenceAfter, streamEndedAtMs } from "./heard.ts";
export { ManualScheduler } from "./manual-scheduler.ts";
export { addMemory, familyMemories } from "./memories.ts";
export { NEXT_RUN_TIMES, NEXT_RUN_ZONES } from "./next-run-cases.ts";
export { notifyDeps } from "./notify-deps.ts";
export { phoneNumber } from "./phone-numbers.ts";
export { schedulerHarness, schedulerTestEnv } from "./scheduler-harness.ts";
export { type ScheduleRun, scheduleRuns } from "./schedules.ts";
export { type SimulatedApiOptions, useSimulatedApi } from "./simulated-api.ts";
export { seededUserToken, signUpOnStack, verifyCodeSentTo } from "./stack-auth.ts";
export { stackScheduler } from "./stack-scheduler.ts";
export { exampleSetting, FAKE_TWILIO, testEnv } from "./test-env.ts";
export { TEST_KEK } from "./test-keys.ts";
export { twilioSimulatorOptions, UNREACHABLE_URL, useTwilioSimulator } from "./twilio-simulator.ts";
export { newCallSid, twilioTestApp, twilioTestEnv } from "./twilio-webhooks.ts";
export { useUpstashSimulator } from "./upstash-simulator.ts";
export { type UseBridgeAppOptions, useBridgeApp, useFileBridgeApp } from "./use-bridge-app.ts";
export { type ListPage, walkPages } from "./walk-pages.ts";
