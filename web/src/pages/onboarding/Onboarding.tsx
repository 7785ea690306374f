import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { fetchLine, fetchSchedules, keys } from "../../api/queries.ts";
import type { Line } from "../../api/types.ts";
import { usePageTitle } from "../../lib/title.ts";
import { Section } from "../../ui/boundary.tsx";
import { Skeleton } from "../../ui/skeleton.tsx";
import { AgreeStep } from "./AgreeStep.tsx";
import { CallStep } from "./CallStep.tsx";
import { ScheduleStep } from "./ScheduleStep.tsx";
import { VerifyStep } from "./VerifyStep.tsx";
import { WhoStep } from "./WhoStep.tsx";

const STEPS = ["Who to call", "Their agreement", "Verify the phone", "When to call", "Say hello"] as const;
type Step = 0 | 1 | 2 | 3 | 4 | 5;

/**
 * One guided flow from "who should Ultaura call?" to the first call. Resumable: the step comes from what
 * the server already knows about the line (verified? any schedule?), plus `?step=` within a session.
 */
export default function Onboarding() {
  usePageTitle("Set up calls");
  const { lineId } = useParams();
  return (
    <div className="onboarding">
      <h1>Set up calls</h1>
      {lineId ? (
        <Section title="This step" fallback={<Skeleton lines={4} />}>
          <ForLine lineId={lineId} />
        </Section>
      ) : (
        <Steps current={0}>
          <WhoStep />
        </Steps>
      )}
    </div>
  );
}

function ForLine({ lineId }: { lineId: string }) {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const line = useQuery({
    queryKey: keys.line(lineId),
    queryFn: () => fetchLine(lineId),
    throwOnError: true,
  });
  const schedules = useQuery({
    queryKey: keys.schedules(lineId),
    queryFn: () => fetchSchedules(lineId),
    enabled: !!line.data?.phoneVerified,
    throwOnError: true,
  });
  if (!line.data || (line.data.phoneVerified && !schedules.data)) return <Skeleton lines={4} />;
  const requested = params.get("step");
  let step: Step;
  if (!line.data.phoneVerified) step = requested === "verify" ? 2 : 1;
  else if (requested === "done") step = 5;
  else if (requested === "call" || (schedules.data?.items.length ?? 0) > 0) step = 4;
  else step = 3;
  const go = (next: string) => setParams({ step: next });
  return (
    <Steps current={step}>
      {step === 1 ? <AgreeStep line={line.data} onDone={() => go("verify")} /> : null}
      {step === 2 ? (
        <VerifyStep line={line.data} onDone={() => go("schedule")} onBack={() => go("agree")} />
      ) : null}
      {step === 3 ? <ScheduleStep line={line.data} onDone={() => go("call")} /> : null}
      {step === 4 ? <CallStep line={line.data} onDone={() => go("done")} /> : null}
      {step === 5 ? <Done line={line.data} onHome={() => navigate("/")} /> : null}
    </Steps>
  );
}

function Steps({ current, children }: { current: Step; children: React.ReactNode }) {
  const panel = useRef<HTMLDivElement>(null);
  // Each new step takes focus at its heading, so keyboard and screen-reader users start at the top of it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the step changes
  useEffect(() => {
    panel.current?.querySelector<HTMLElement>("h2")?.focus();
  }, [current]);
  return (
    <>
      <ol className="stepper" aria-label="Setup steps">
        {STEPS.map((label, index) => (
          <li
            key={label}
            className={index < current ? "step-done" : index === current ? "step-current" : ""}
            aria-current={index === current ? "step" : undefined}
          >
            <span className="step-number" aria-hidden="true">
              {index < current ? "✓" : index + 1}
            </span>
            <span className="step-label">
              {label}
              {index < current ? <span className="visually-hidden"> (done)</span> : null}
            </span>
          </li>
        ))}
      </ol>
      <div ref={panel} className="card step-panel">
        {children}
      </div>
    </>
  );
}

function Done({ line, onHome }: { line: Line; onHome: () => void }) {
  return (
    <>
      <h2 tabIndex={-1}>You're all set</h2>
      <p>
        Ultaura will call {line.displayName} at the times you chose. You'll see each call on your dashboard,
        and we'll tell you if anything needs your attention.
      </p>
      <div className="actions">
        <button type="button" className="button button-primary" onClick={onHome}>
          Go to the dashboard
        </button>
        <Link className="button button-secondary" to={`/lines/${line.id}`}>
          {line.displayName}'s settings
        </Link>
      </div>
    </>
  );
}
