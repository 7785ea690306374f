/**
 * JSON helpers for the two wire protocols (./twilio/, ./grok/): narrowing a parsed value field by field,
 * and reading one string field straight from a message's text for the scanners on the audio path.
 */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function str(record: JsonRecord, key: string): string | undefined {
  const value = record[key];
  return typeof value === "string" ? value : undefined;
}

export function num(record: JsonRecord, key: string): number | undefined {
  const value = record[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** The string-valued fields of an object (anything else dropped); an empty record for a non-object. */
export function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [key, item] of Object.entries(value)) if (typeof item === "string") out[key] = item;
  return out;
}

/**
 * The string value after `key` (written with its quotes, colon and opening quote: `"name":"`), in text
 * without escapes, where every `"` delimits a string. Undefined when the key is absent, null when it occurs
 * twice (JSON.parse would keep the last; the caller should take the full parse).
 */
export function scanString(text: string, key: string): string | undefined | null {
  const at = text.indexOf(key);
  if (at < 0) return undefined;
  if (text.indexOf(key, at + key.length) >= 0) return null;
  const start = at + key.length;
  const end = text.indexOf('"', start);
  return end < 0 ? null : text.slice(start, end);
}
