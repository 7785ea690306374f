/**
 * What `npm run deploy -- --env <env>` does, in order, as data: checks, migrations, the Edge Functions, the
 * bridge Worker, the web app. Values come from `.env.<env>`; a value not there is shown as
 * `<NAME from .env.<env>>` (a dry run on a fresh clone prints the whole plan that way). Environment values
 * given to a step are printed by name only: the migration URL holds the database password.
 */
export const environments = ["staging", "production"] as const;
export type Environment = (typeof environments)[number];

export type Step = {
  name: string;
  command: string;
  args: string[];
  /** Extra environment for the command: variable → the `.env.<env>` key its value comes from. */
  env?: Record<string, string>;
};

/** The `.env.<env>` keys the deploy itself reads (the functions' and Worker's secrets are provisioned apart). */
export const deployKeys = [
  "SUPABASE_PROJECT_REF",
  "MIGRATIONS_DATABASE_URL",
  "FUNCTIONS_PUBLIC_URL",
  "BRIDGE_PUBLIC_URL",
  "VITE_SUPABASE_URL",
  "VITE_SUPABASE_ANON_KEY",
] as const;

export const functionNames = ["twilio", "api", "bridge", "billing", "scheduler"] as const;

type Values = Record<string, string | undefined>;

function shownValue(values: Values, key: string, environment: Environment): string {
  return values[key] || `<${key} from .env.${environment}>`;
}

export function missingKeys(values: Values): string[] {
  return deployKeys.filter((key) => !values[key]);
}

export function deployPlan(environment: Environment, values: Values): Step[] {
  const value = (key: string) => shownValue(values, key, environment);
  return [
    { name: "checks: format, lint, types", command: "npm", args: ["run", "check"] },
    {
      name: "checks: function bundles and wrangler dry runs",
      command: "npx",
      args: ["vitest", "run", "--project", "unit", "scripts/bundle", "scripts/deploy"],
    },
    {
      name: "migrations",
      command: "npm",
      args: ["run", "db:migrate"],
      env: { DATABASE_URL: "MIGRATIONS_DATABASE_URL" },
    },
    {
      name: "edge functions",
      command: "supabase",
      args: ["functions", "deploy", ...functionNames, "--project-ref", value("SUPABASE_PROJECT_REF")],
    },
    {
      name: "bridge worker",
      command: "npx",
      args: [
        "wrangler",
        "deploy",
        "--env",
        environment,
        "--var",
        `FUNCTIONS_URL:${value("FUNCTIONS_PUBLIC_URL")}`,
        "--var",
        `BRIDGE_PUBLIC_URL:${value("BRIDGE_PUBLIC_URL")}`,
      ],
    },
    {
      name: "web app: build",
      command: "npx",
      args: ["vite", "build", "web", "--emptyOutDir"],
      env: { VITE_SUPABASE_URL: "VITE_SUPABASE_URL", VITE_SUPABASE_ANON_KEY: "VITE_SUPABASE_ANON_KEY" },
    },
    {
      name: "web app: static assets",
      command: "npx",
      args: ["wrangler", "deploy", "--config", "web/wrangler.toml", "--env", environment],
    },
  ];
}

const quote = (arg: string) => (/^[\w@%+=:,./<>-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);

export function formatStep(step: Step, environment: Environment): string {
  const env = Object.entries(step.env ?? {}).map(
    ([name, key]) => `${name}=<${key} from .env.${environment}>`,
  );
  return [...env, step.command, ...step.args]
    .map((part, i) => (i < env.length ? part : quote(part)))
    .join(" ");
}

/** The environment a step runs with: the process's, plus its own variables' values. */
export function stepEnv(step: Step, values: Values): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, key] of Object.entries(step.env ?? {})) env[name] = values[key] ?? "";
  return env;
}
