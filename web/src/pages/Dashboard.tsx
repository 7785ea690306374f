import { Link } from "react-router";
import {
  useAlerts,
  useCalls,
  useLines,
  useMe,
  usePrefetchDashboard,
  useScheduleRuns,
  useSchedules,
  useUsage,
} from "../api/queries.ts";
import type { Line } from "../api/types.ts";
import { formatDuration, lineTime } from "../lib/time.ts";
import { usePageTitle } from "../lib/title.ts";
import { callOutcome, possessive, runResult } from "../lib/words.ts";
import { Section } from "../ui/boundary.tsx";
import { NoAccountYet } from "../ui/not-found.tsx";
import { CardSkeletons, Skeleton } from "../ui/skeleton.tsx";

export default function Dashboard() {
  usePageTitle("Your family");
  usePrefetchDashboard();
  return (
    <>
      <h1>Your family</h1>
      <Section title="Your family" fallback={<CardSkeletons />}>
        <Family />
      </Section>
    </>
  );
}

function Family() {
  const { data: me } = useMe();
  if (me.accounts.length === 0) return <NoAccountYet />;
  return (
    <>
      <Section title="Minutes" fallback={<Skeleton lines={1} />}>
        <MinutesBanner />
      </Section>
      <Section title="Your loved ones" fallback={<CardSkeletons />}>
        <LineCards />
      </Section>
    </>
  );
}

function MinutesBanner() {
  const { data: usage } = useUsage();
  const low = usage.minutesRemaining <= Math.max(3, usage.minutesIncluded * 0.1);
  return (
    <p className={`banner${low ? " banner-warn" : ""}`} data-testid="minutes-left">
      <strong>{usage.minutesRemaining} minutes left</strong> of {usage.minutesIncluded} this cycle.
      {low ? (
        <>
          {" "}
          <Link to="/billing">Add minutes</Link>
        </>
      ) : null}
    </p>
  );
}

function LineCards() {
  const { data } = useLines();
  if (data.items.length === 0) {
    return (
      <div className="empty card">
        <h2>Who should Ultaura call?</h2>
        <p>Add your mum, dad or anyone you'd like to have a friendly daily call. It takes a few minutes.</p>
        <Link className="button button-primary" to="/welcome">
          Add someone to call
        </Link>
      </div>
    );
  }
  return (
    <>
      <ul className="card-grid" aria-label="Loved ones">
        {data.items.map((line) => (
          <li key={line.id}>
            <LineCard line={line} />
          </li>
        ))}
      </ul>
      <p>
        <Link to="/welcome">Add another person</Link>
      </p>
    </>
  );
}

function LineCard({ line }: { line: Line }) {
  const verified = line.phoneVerified;
  return (
    <article className="card line-card" aria-labelledby={`line-${line.id}`} data-testid="line-card">
      <header className="line-card-head">
        <h2 id={`line-${line.id}`}>
          <Link to={`/lines/${line.id}`}>{line.displayName}</Link>
        </h2>
        <StatusBadge line={line} />
      </header>
      {!verified ? (
        <div className="attention">
          <p>{possessive(line.displayName)} phone isn't verified yet, so Ultaura can't call.</p>
          <Link className="button button-primary" to={`/welcome/${line.id}`}>
            Verify {possessive(line.displayName)} phone
          </Link>
        </div>
      ) : (
        <div className="facts">
          <Section title="Next call" fallback={<Skeleton lines={1} />}>
            <NextCall line={line} />
          </Section>
          <Section title="Last call" fallback={<Skeleton lines={1} />}>
            <LastCall line={line} />
          </Section>
        </div>
      )}
      {verified ? (
        <Section title="Missed calls" fallback={null}>
          <MissedCall line={line} />
        </Section>
      ) : null}
      <Section title="Alerts" fallback={null}>
        <OpenAlerts line={line} />
      </Section>
    </article>
  );
}

function StatusBadge({ line }: { line: Line }) {
  if (line.doNotCall) return <span className="badge badge-warn">Asked not to be called</span>;
  if (line.status === "paused") return <span className="badge">Paused</span>;
  if (!line.phoneVerified) return <span className="badge badge-warn">Needs verifying</span>;
  return <span className="badge badge-ok">Calls on</span>;
}

function NextCall({ line }: { line: Line }) {
  const { data } = useSchedules(line.id);
  const next = data.items
    .filter((s) => s.enabled && s.nextRunAt)
    .map((s) => s.nextRunAt as string)
    .sort()[0];
  return (
    <p className="fact">
      <span className="fact-label">Next call</span>
      <span data-testid="next-call">
        {next ? (
          lineTime(next, line.timezone)
        ) : (
          <>
            None planned. <Link to={`/lines/${line.id}/schedules`}>Choose call times</Link>
          </>
        )}
      </span>
    </p>
  );
}

function LastCall({ line }: { line: Line }) {
  const { data } = useCalls(line.id);
  const last = data.items[0];
  return (
    <p className="fact">
      <span className="fact-label">Last call</span>
      <span data-testid="last-call">
        {last ? (
          <>
            {lineTime(last.startedAt ?? last.createdAt, line.timezone)} · {callOutcome(last)}
            {last.durationSeconds ? ` · ${formatDuration(last.durationSeconds)}` : ""}
          </>
        ) : (
          <>
            No calls yet. <Link to={`/lines/${line.id}`}>Call {line.displayName} now</Link>
          </>
        )}
      </span>
    </p>
  );
}

function OpenAlerts({ line }: { line: Line }) {
  const { data } = useAlerts(line.id);
  const open = data.items.filter((a) => !a.acknowledgedAt);
  if (open.length === 0) return null;
  return (
    <p className="attention">
      <span aria-hidden="true">◉ </span>
      {open.length === 1 ? "1 alert" : `${open.length} alerts`} to look at.{" "}
      <Link to={`/alerts?lineId=${line.id}`}>See what was heard</Link>
    </p>
  );
}

const RECENT_MS = 2 * 86_400_000;

/** The latest scheduled call, when it was missed or not placed in the last two days, with what to do. */
function MissedCall({ line }: { line: Line }) {
  const { data } = useScheduleRuns(line.id);
  const latest = data.items.find((run) => run.outcome !== null && run.outcome !== "retrying");
  if (!latest || (latest.outcome !== "missed" && latest.outcome !== "skipped")) return null;
  if (Date.now() - Date.parse(latest.occurrenceAt) > RECENT_MS) return null;
  return (
    <p className="attention" data-testid="missed-call">
      <span aria-hidden="true">! </span>
      The {lineTime(latest.occurrenceAt, line.timezone)} call: {runResult(latest)}.{" "}
      <Link to={`/lines/${line.id}/schedules`}>See call times</Link>
    </p>
  );
}
