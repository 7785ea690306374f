import { defineWorkersProject } from "@cloudflare/vitest-pool-workers/config";

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
            TWILIO_ACCOUNT_SID: "AC00000000000000000000000000000000",
            TWILIO_AUTH_TOKEN: "test-twilio-token",
            TWILIO_API_KEY_SID: "SK00000000000000000000000000000000",
            TWILIO_API_KEY_SECRET: "test-twilio-api-key-secret",
          },
        },
      },
    },
  },
});
