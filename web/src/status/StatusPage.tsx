import { useEffect, useState } from "react";
import { componentProbes } from "./components.ts";
import { databaseLatency, dependencyChecks, type ProbeResult, probe } from "./probe.ts";

const REFRESH_MS = 2_000;

type Results = Record<string, ProbeResult | undefined>;

/** The local stack at a glance: each component's health, refreshed live. */
export function StatusPage() {
  const [results, setResults] = useState<Results>({});
  const [checkedAt, setCheckedAt] = useState<Date | null>(null);

  useEffect(() => {
    let cancelled = false;
    const refresh = async () => {
      const entries = await Promise.all(
        componentProbes.map(async (c) => [c.id, await probe(c.url)] as const),
      );
      if (cancelled) return;
      setResults(Object.fromEntries(entries));
      setCheckedAt(new Date());
    };
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, []);

  const db = databaseLatency(results["function-twilio"]?.detail);
  return (
    <main className="page status-page">
      <header>
        <h1>Ultaura</h1>
        <p>An AI phone companion for older adults. This page shows the local stack started by npm start.</p>
      </header>
      <section aria-label="Local stack status">
        <table>
          <thead>
            <tr>
              <th>Component</th>
              <th>What it does</th>
              <th>State</th>
              <th>Latency</th>
            </tr>
          </thead>
          <tbody>
            <tr data-component="database">
              <td>Postgres</td>
              <td>accounts, lines, calls, memories (RLS)</td>
              <td className={db === null ? "down" : "up"}>{db === null ? "down" : "up"}</td>
              <td>{db === null ? "–" : `${db} ms`}</td>
            </tr>
            {componentProbes.map((component) => {
              const result = results[component.id];
              const checks = dependencyChecks(result?.detail);
              return (
                <tr key={component.id} data-component={component.id}>
                  <td>{component.label}</td>
                  <td>
                    {component.role}
                    {checks.length > 0 && (
                      <ul className="checks">
                        {checks.map((check) => (
                          <li key={check.name} data-check={check.name} className={check.ok ? "up" : "down"}>
                            {check.name}: {check.ok ? "ok" : (check.detail ?? "failing")}
                            {check.latencyMs === null ? "" : ` (${check.latencyMs} ms)`}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className={result?.state ?? "pending"}>{result?.state ?? "checking…"}</td>
                  <td>{result ? `${result.latencyMs} ms` : "–"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="checked">{checkedAt ? `Checked at ${checkedAt.toLocaleTimeString()}` : "Checking…"}</p>
      </section>
      <section aria-label="Next steps">
        <h2>Try it</h2>
        <p>
          Place a simulated call from the seeded line “Rose”:{" "}
          <code>npm run sim -- call --from +15555550100</code>
        </p>
        <p>
          E-mails the local sign-in sends (confirmations, password resets) land in the{" "}
          <a href="/local/mail-sim/">local mail catcher</a>.
        </p>
      </section>
    </main>
  );
}
