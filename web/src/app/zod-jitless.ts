import { z } from "zod";

/**
 * Zod compiles object parsers with `new Function` when it may; the app's Content-Security-Policy allows no
 * eval (web/hosting/headers.ts), and even zod's caught probe is reported as a violation. Imported first by
 * main.tsx, because zod reads the setting when each schema is built (at module load).
 */
z.config({ jitless: true });
