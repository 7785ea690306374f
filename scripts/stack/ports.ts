export interface StackPorts {
  database: number;
  functions: number;
  worker: number;
  web: number;
  twilioSim: number;
  grokSim: number;
}

export const DEFAULT_PORTS: StackPorts = {
  database: 54322,
  functions: 54321,
  worker: 8787,
  web: 5173,
  twilioSim: 4010,
  grokSim: 4020,
};

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
  };
}

export type LocalUrls = ReturnType<typeof localUrls>;
