import { defineWorkersProject } from "@cloudflare/vitest-pool-workers/config";

/** Tests of the Worker and its Durable Object inside workerd, configured from the root wrangler.toml. */
export default defineWorkersProject({
  test: {
    name: "workers",
    include: ["test/**/*.test.ts"],
    poolOptions: {
      workers: {
        singleWorker: true,
        isolatedStorage: false,
        wrangler: { configPath: "../wrangler.toml" },
        miniflare: {
          bindings: {
            BRIDGE_SHARED_SECRET: "test-bridge-secret",
            XAI_API_KEY: "test-xai-key",
            TWILIO_ACCOUNT_SID: "AC00000000000000000000000000000000",
            TWILIO_AUTH_TOKEN: "test-twilio-token",
          },
        },
      },
    },
  },
});
