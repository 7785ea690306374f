import { defineWorkersProject } from "@cloudflare/vitest-pool-workers/config";
import { FAKE_TWILIO } from "../tests/support/test-env.ts";

/** Tests of the Worker and its Durable Object inside workerd, configured from the root wrangler.toml. */
export default defineWorkersProject({
  test: {
    name: "workers",
    // The Worker's bad-input suite sits with the functions' in tests/security/ and runs here, in workerd.
    include: ["test/**/*.test.ts", "../tests/security/worker-*.test.ts"],
    poolOptions: {
      workers: {
        singleWorker: true,
        isolatedStorage: false,
        wrangler: { configPath: "../wrangler.toml" },
        miniflare: {
          bindings: {
            PREPARE_SIGNING_SECRET: "test-prepare-signing-secret",
            BRIDGE_REQUEST_SECRET: "test-bridge-request-secret",
            STREAM_TOKEN_SECRET: "test-stream-token-secret",
            XAI_API_KEY: "test-xai-key",
            // The tests' one fake Twilio account.
            TWILIO_ACCOUNT_SID: FAKE_TWILIO.accountSid,
            TWILIO_AUTH_TOKEN: FAKE_TWILIO.authToken,
            TWILIO_API_KEY_SID: FAKE_TWILIO.apiKey.sid,
            TWILIO_API_KEY_SECRET: FAKE_TWILIO.apiKey.secret,
          },
        },
      },
    },
  },
});
