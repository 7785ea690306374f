/**
 * `npm run bench safety [-- --split dev|heldout|all]`: the transcript backstop against the labelled
 * evaluation set (functions/bridge/safety/eval/): recall per tier and per category, false alarms on
 * look-alike sentences, and the scan's latency per transcript.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { scanForSafety } from "../functions/bridge/safety/phrases.ts";
import { percentile } from "./stats.ts";

type Expected = "emergency" | "high" | "medium" | "low" | "none";
interface Case {
  id: string;
  split: "dev" | "heldout";
  tier: Expected;
  category: string;
  text: string;
}

const SEVERITY: Record<Expected, number> = { none: 0, low: 1, medium: 2, high: 3, emergency: 4 };
const TIERS: Expected[] = ["emergency", "high", "medium", "low"];

function load(language: string): Case[] {
  const file = join(import.meta.dirname, "../functions/bridge/safety/eval", `${language}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as Case[];
}

/** Caught: the expected tier or more severe — but emergency only as emergency, since it texts the family. */
function caught(expected: Expected, found: Expected): boolean {
  if (expected === "emergency") return found === "emergency";
  return SEVERITY[found] >= SEVERITY[expected];
}

function detect(text: string): Expected {
  return scanForSafety(text).tier ?? "none";
}

const pct = (n: number, d: number) => (d === 0 ? "  –  " : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

function report(title: string, cases: Case[], verbose: boolean) {
  const rows = new Map<string, { n: number; hit: number }>();
  const add = (key: string, ok: boolean) => {
    const row = rows.get(key) ?? { n: 0, hit: 0 };
    row.n++;
    if (ok) row.hit++;
    rows.set(key, row);
  };
  let falseAlarms = 0;
  let benign = 0;
  let wrongEmergency = 0;
  const misses: string[] = [];
  for (const c of cases) {
    const found = detect(c.text);
    if (found === "emergency" && c.tier !== "emergency") wrongEmergency++;
    if (c.tier === "none") {
      benign++;
      if (found !== "none") {
        falseAlarms++;
        misses.push(`  false alarm (${found}) ${c.id}: ${c.text}`);
      }
      continue;
    }
    const ok = caught(c.tier, found);
    add(`tier ${c.tier}`, ok);
    add(`${c.tier.padEnd(9)} ${c.category}`, ok);
    if (!ok) misses.push(`  missed ${c.tier} (got ${found}) ${c.id}: ${c.text}`);
  }
  console.log(`\n${title} — ${cases.length} utterances`);
  for (const tier of TIERS) {
    const row = rows.get(`tier ${tier}`);
    if (row) console.log(`  recall ${tier.padEnd(10)} ${pct(row.hit, row.n)}  (${row.hit}/${row.n})`);
  }
  console.log(`  false alarms on benign ${pct(falseAlarms, benign)}  (${falseAlarms}/${benign})`);
  console.log(`  raised as emergency but not one: ${wrongEmergency}`);
  console.log("  per category:");
  for (const [key, row] of [...rows].filter(([k]) => !k.startsWith("tier ")).sort()) {
    console.log(`    ${key.padEnd(28)} ${pct(row.hit, row.n)}  (${row.hit}/${row.n})`);
  }
  if (verbose) for (const line of misses) console.log(line);
}

interface Paraphrase {
  id: string;
  round: number;
  tier: Expected;
  text: string;
}

/** eval/paraphrases.json: fresh rewordings written in rounds after the set (see eval/README.md). */
function paraphraseRounds() {
  const file = join(import.meta.dirname, "../functions/bridge/safety/eval/paraphrases.json");
  const cases = JSON.parse(readFileSync(file, "utf8")) as Paraphrase[];
  console.log("\nparaphrase rounds (1–5 were tuned on after scoring; 6 was scored once, untuned)");
  for (const round of [...new Set(cases.map((c) => c.round))].sort()) {
    const inRound = cases.filter((c) => c.round === round);
    const risky = inRound.filter((c) => c.tier !== "none");
    const benign = inRound.filter((c) => c.tier === "none");
    const hits = risky.filter((c) => caught(c.tier, detect(c.text))).length;
    const alarms = benign.filter((c) => detect(c.text) !== "none").length;
    console.log(
      `  round ${round}: caught ${pct(hits, risky.length)} (${hits}/${risky.length})  ` +
        `false alarms ${pct(alarms, benign.length)} (${alarms}/${benign.length})`,
    );
  }
}

/** Times each transcript on its own after a warm-up, several rounds; prints percentiles in µs. */
function latency(label: string, transcripts: string[]) {
  for (const text of transcripts) detect(text);
  const samples: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const text of transcripts) {
      const started = performance.now();
      detect(text);
      samples.push(performance.now() - started);
    }
  }
  samples.sort((a, b) => a - b);
  const us = (p: number) => `${(percentile(samples, p) * 1000).toFixed(1)} µs`;
  const mean = (1000 * samples.reduce((sum, ms) => sum + ms, 0)) / samples.length;
  console.log(
    `latency per transcript, ${label} (${samples.length} scans): mean ${mean.toFixed(1)} µs  p50 ${us(50)}  ` +
      `p90 ${us(90)}  p99 ${us(99)}  max ${us(100)}`,
  );
}

const args = process.argv.slice(2);
const splitArg = args.includes("--split") ? args[args.indexOf("--split") + 1] : "all";
const verbose = args.includes("--verbose");
const all = [...load("en"), ...load("es")];
const splits = splitArg === "all" ? ["dev", "heldout", "all"] : [splitArg];
for (const split of splits) {
  const chosen = split === "all" ? all : all.filter((c) => c.split === split);
  for (const language of ["en", "es"]) {
    report(
      `${split} / ${language}`,
      chosen.filter((c) => c.id.startsWith(`${language}-`)),
      verbose,
    );
  }
  report(`${split} / en+es`, chosen, false);
}
paraphraseRounds();
console.log("");
latency(
  "one utterance",
  all.map((c) => c.text),
);
// A long caller turn: ten utterances in a row (~100 words).
const long = all.map((_, i) =>
  all
    .slice(i, i + 10)
    .map((c) => c.text)
    .join(" "),
);
latency("ten-utterance turn", long);
