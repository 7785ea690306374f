/**
 * `npm run functions:imports`: writes `functions/<name>/deno.json` for every function from
 * package-lock.json. Run it after changing a dependency of `functions/package.json`; the bundle proof
 * test fails while any file is stale.
 */
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { denoJsonText, functionNames, functionsImportMap } from "./import-map.ts";

const root = resolve(import.meta.dirname, "..", "..");
const text = denoJsonText(functionsImportMap(root));
for (const name of functionNames(root)) {
  writeFileSync(join(root, "functions", name, "deno.json"), text);
  process.stdout.write(`functions/${name}/deno.json\n`);
}
