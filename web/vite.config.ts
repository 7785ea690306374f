import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/**
 * Locally the app reaches every component through Vite's proxy, so the browser talks to one origin.
 * In production it talks to functions/api only, at VITE_FUNCTIONS_URL.
 */
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/functions": `http://127.0.0.1:${port("FUNCTIONS_PORT", 54321)}`,
      "/local/worker": {
        target: `http://127.0.0.1:${port("WORKER_PORT", 8787)}`,
        rewrite: (path) => path.replace(/^\/local\/worker/, ""),
      },
      "/local/twilio-sim": {
        target: `http://127.0.0.1:${port("TWILIO_SIM_PORT", 4010)}`,
        rewrite: (path) => path.replace(/^\/local\/twilio-sim/, ""),
      },
      "/local/grok-sim": {
        target: `http://127.0.0.1:${port("GROK_SIM_PORT", 4020)}`,
        rewrite: (path) => path.replace(/^\/local\/grok-sim/, ""),
      },
      "/local/upstash-sim": {
        target: `http://127.0.0.1:${port("UPSTASH_SIM_PORT", 4050)}`,
        rewrite: (path) => path.replace(/^\/local\/upstash-sim/, ""),
      },
      "/local/qstash-sim": {
        target: `http://127.0.0.1:${port("QSTASH_SIM_PORT", 4040)}`,
        rewrite: (path) => path.replace(/^\/local\/qstash-sim/, ""),
      },
    },
  },
});
