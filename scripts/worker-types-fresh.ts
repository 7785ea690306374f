/**
 * Fails when `bridge-worker/worker-configuration.d.ts` no longer matches wrangler.toml and the secret names
 * (regenerate with `npm run types:worker`). `wrangler types --check` cannot be used: it recomputes the hash
 * without the `--env-file` the file was generated with, so it reports our file as stale every time. This
 * regenerates the file in place with the same arguments (wrangler's hash depends on the output path),
 * compares wrangler's content hashes, and puts the committed file back whatever happens.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const typesFile = "bridge-worker/worker-configuration.d.ts";
const committed = readFileSync(join(root, typesFile), "utf8");
const hashOf = (text: string) => /\(hash: ([0-9a-f]+)\)/.exec(text)?.[1];

let fresh: string | undefined;
try {
  const result = spawnSync(
    join(root, "node_modules", ".bin", "wrangler"),
    [
      "types",
      typesFile,
      "--include-runtime=false",
      "--strict-vars=false",
      "--env-file",
      "bridge-worker/secret-names.env",
    ],
    { cwd: root, encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
  );
  if (result.status !== 0) process.stderr.write(result.stderr);
  else fresh = readFileSync(join(root, typesFile), "utf8");
} finally {
  writeFileSync(join(root, typesFile), committed);
}

if (fresh === undefined) process.exit(1);
if (hashOf(fresh) === undefined || hashOf(fresh) !== hashOf(committed)) {
  console.error(`${typesFile} is out of date with wrangler.toml: run \`npm run types:worker\`.`);
  process.exit(1);
}
console.log("The Worker's Env types match wrangler.toml.");
