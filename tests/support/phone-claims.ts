import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** A folder of this run where each phone number handed out (phone-numbers.ts) is claimed by a file. */
    phoneClaims: string;
  }
}

/** For a project's global setup: the run's claims folder, removed when the run ends. */
export function providePhoneClaims(project: TestProject): () => void {
  const folder = mkdtempSync(join(tmpdir(), "ultaura-phones-"));
  project.provide("phoneClaims", folder);
  return () => rmSync(folder, { recursive: true, force: true });
}
