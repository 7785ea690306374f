import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { hostingHeaders } from "./hosting/vite-plugin.ts";

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/**
 * Locally the app reaches every component through Vite's proxy, so the browser talks to one origin:
 * `/auth/v1` (the local gateway's Supabase Auth) and `/functions` go to the functions port. In production
 * it talks to the Supabase project at VITE_SUPABASE_URL (auth and functions/api).
 */
export default defineConfig({
  plugins: [react(), hostingHeaders()],
  build: { target: "es2022", sourcemap: false },
  // Pre-bundled at start, so the first visit to a lazy page never makes the dev server re-optimise and
  // reload the page under a user (or a test).
  optimizeDeps: {
    entries: ["index.html", "src/**/*.tsx"],
    include: [
      "react",
      "react-dom/client",
      "react/jsx-runtime",
      "react-router",
      "@tanstack/react-query",
      "@supabase/auth-js",
      "zod",
      "uplot",
    ],
  },
  server: {
    proxy: {
      "/functions": `http://127.0.0.1:${port("FUNCTIONS_PORT", 54321)}`,
      "/auth/v1": `http://127.0.0.1:${port("FUNCTIONS_PORT", 54321)}`,
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
      "/local/stripe-sim": {
        target: `http://127.0.0.1:${port("STRIPE_SIM_PORT", 4030)}`,
        rewrite: (path) => path.replace(/^\/local\/stripe-sim/, ""),
      },
      "/local/qstash-sim": {
        target: `http://127.0.0.1:${port("QSTASH_SIM_PORT", 4040)}`,
        rewrite: (path) => path.replace(/^\/local\/qstash-sim/, ""),
      },
      "/local/mail-sim": {
        target: `http://127.0.0.1:${port("MAIL_SIM_PORT", 4060)}`,
        rewrite: (path) => path.replace(/^\/local\/mail-sim/, ""),
      },
      "/local/upstash-sim": {
        target: `http://127.0.0.1:${port("UPSTASH_SIM_PORT", 4050)}`,
        rewrite: (path) => path.replace(/^\/local\/upstash-sim/, ""),
      },
    },
  },
});
