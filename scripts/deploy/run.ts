/**
 * Runs a deploy plan in order and stops at the first step that fails; a dry run prints every command
 * and runs none.
 */
import { type Environment, formatStep, type Step } from "./plan.ts";

export type StepRunner = (step: Step) => Promise<number>;

export type DeployOutcome = { ok: true; ran: number } | { ok: false; failedStep: string; exitCode: number };

export async function runDeploy(
  plan: Step[],
  options: { environment: Environment; dryRun: boolean; run: StepRunner; print: (line: string) => void },
): Promise<DeployOutcome> {
  const { environment, dryRun, run, print } = options;
  print(`${dryRun ? "Dry run: the plan" : "Deploying"} for ${environment} (${plan.length} steps)`);
  let ran = 0;
  for (const [index, step] of plan.entries()) {
    print(`\n[${index + 1}/${plan.length}] ${step.name}\n$ ${formatStep(step, environment)}`);
    if (dryRun) continue;
    const exitCode = await run(step);
    if (exitCode !== 0) {
      print(`✗ ${step.name} failed (exit ${exitCode}); stopping here, nothing after it ran.`);
      return { ok: false, failedStep: step.name, exitCode };
    }
    ran++;
  }
  print(dryRun ? "\nDry run: nothing was run." : `\n✓ ${environment} deployed.`);
  return { ok: true, ran };
}
