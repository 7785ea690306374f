import { closeSync, openSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import "./phone-claims.ts";
import { FAKE_TWILIO } from "./test-env.ts";

/**
 * 555-0100 … 555-0199, the NANP numbers reserved for fiction, under the exchanges 555 to 558 of the +1 555
 * area code the API accepts as fictional (no real area code 555 exists): 400 numbers, enough for a whole run.
 */
const FICTIONAL = ["555", "556", "557", "558"].flatMap((exchange) =>
  Array.from({ length: 100 }, (_, i) => `+1555${exchange}${String(100 + i).padStart(4, "0")}`),
);
const TAKEN = new Set<string>([...Object.values(SEED.phones), FAKE_TWILIO.phoneNumber]);
const claimedHere = new Set<string>();

/**
 * A fictional 555-01xx number no other test of this run has had: drawn without replacement, in random
 * order, never a seeded number or our own. Across the files of a run (the e2e stack and the db database
 * are shared) a number is claimed by creating its file exclusively in the run's claims folder.
 */
export function phoneNumber(): string {
  const claims = inject("phoneClaims") as string | undefined;
  const candidates = FICTIONAL.filter((n) => !TAKEN.has(n) && !claimedHere.has(n));
  for (let left = candidates.length; left > 0; left--) {
    const [number] = candidates.splice(Math.floor(Math.random() * left), 1) as [string];
    claimedHere.add(number);
    if (!claims || claim(join(claims, number))) return number;
  }
  throw new Error("every fictional +1 555 55x-01xx number is taken in this run");
}

function claim(path: string): boolean {
  try {
    closeSync(openSync(path, "wx"));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}
