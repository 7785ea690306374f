import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";

/**
 * The settings `npm start` runs with: `.env` when present, otherwise the working local defaults in
 * `.env.example`; variables already in the process environment win over both.
 */
export function loadLocalEnv(
  root: string,
  processEnv: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const file = existsSync(`${root}/.env`) ? `${root}/.env` : `${root}/.env.example`;
  const fromFile = parseEnv(readFileSync(file, "utf8")) as Record<string, string>;
  const merged: Record<string, string> = { ...fromFile };
  for (const [key, value] of Object.entries(processEnv)) if (value !== undefined) merged[key] = value;
  return merged;
}
