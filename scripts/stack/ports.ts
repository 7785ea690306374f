export interface StackPorts {
  database: number;
  functions: number;
  worker: number;
  /** wrangler dev's inspector; chosen with the rest so no two parts of one stack ever share a port. */
  workerInspector: number;
  web: number;
  twilioSim: number;
  grokSim: number;
  stripeSim: number;
  qstashSim: number;
  upstashSim: number;
  /** The local mail catcher (sign-up confirmations, password resets). */
  mailSim: number;
}

export const DEFAULT_PORTS: StackPorts = {
  database: 54322,
  functions: 54321,
  worker: 8787,
  workerInspector: 9229,
  web: 5173,
  twilioSim: 4010,
  grokSim: 4020,
  stripeSim: 4030,
  qstashSim: 4040,
  upstashSim: 4050,
  mailSim: 4060,
};

/** The environment variable that overrides each port under `npm start`. */
export const PORT_VARIABLES: Record<keyof StackPorts, string> = {
  database: "DB_PORT",
  functions: "FUNCTIONS_PORT",
  worker: "WORKER_PORT",
  workerInspector: "WORKER_INSPECTOR_PORT",
  web: "WEB_PORT",
  twilioSim: "TWILIO_SIM_PORT",
  grokSim: "GROK_SIM_PORT",
  stripeSim: "STRIPE_SIM_PORT",
  qstashSim: "QSTASH_SIM_PORT",
  upstashSim: "UPSTASH_SIM_PORT",
  mailSim: "MAIL_SIM_PORT",
};

/** The ports `npm start` uses: each one's variable when set, otherwise the documented default. */
export function configuredPorts(env: Record<string, string | undefined>): StackPorts {
  const entries = Object.entries(DEFAULT_PORTS).map(([name, fallback]) => {
    const value = env[PORT_VARIABLES[name as keyof StackPorts]];
    return [name, value ? Number(value) : fallback];
  });
  return Object.fromEntries(entries) as StackPorts;
}

/** The URLs every component uses to reach the others, derived from the ports so they always agree. */
export function localUrls(ports: StackPorts) {
  const functions = `http://127.0.0.1:${ports.functions}/functions/v1`;
  return {
    databaseEmbedded: `postgres://postgres:postgres@127.0.0.1:${ports.database}/postgres`,
    functions,
    worker: `http://127.0.0.1:${ports.worker}`,
    bridgeStreamBase: `ws://127.0.0.1:${ports.worker}`,
    web: `http://127.0.0.1:${ports.web}`,
    twilioApi: `http://127.0.0.1:${ports.twilioSim}`,
    grokRealtime: `ws://127.0.0.1:${ports.grokSim}/v1/realtime`,
    stripeApi: `http://127.0.0.1:${ports.stripeSim}`,
    qstash: `http://127.0.0.1:${ports.qstashSim}`,
    upstashRedis: `http://127.0.0.1:${ports.upstashSim}`,
    mail: `http://127.0.0.1:${ports.mailSim}`,
  };
}

export type LocalUrls = ReturnType<typeof localUrls>;
