import { maskPhoneNumbers } from "../contracts/mask-phone.ts";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * One JSON object per line, so logs stay greppable locally and parseable in Supabase's log explorer.
 * Phone numbers are masked in the whole line, whichever field (or error string) carries them.
 */
export function createLogger(
  base: LogFields = {},
  minLevel: LogLevel = "info",
  write: (line: string) => void = console.log,
): Logger {
  const emit = (level: LogLevel, message: string, fields?: LogFields) => {
    if (ORDER[level] < ORDER[minLevel]) return;
    write(
      maskPhoneNumbers(
        JSON.stringify({ time: new Date().toISOString(), level, message, ...base, ...fields }),
      ),
    );
  };
  return {
    debug: (message, fields) => emit("debug", message, fields),
    info: (message, fields) => emit("info", message, fields),
    warn: (message, fields) => emit("warn", message, fields),
    error: (message, fields) => emit("error", message, fields),
    child: (fields) => createLogger({ ...base, ...fields }, minLevel, write),
  };
}

/** Reduces an unknown thrown value to loggable fields without leaking request data. */
export function describeError(error: unknown): LogFields {
  if (error instanceof Error)
    return { errorName: error.name, errorMessage: error.message, stack: error.stack };
  return { errorValue: String(error) };
}
