import { useCalls } from "../api/queries.ts";
import { formatDuration, lineTime, viewerTimeZone } from "../lib/time.ts";
import { usePageTitle } from "../lib/title.ts";
import { callOutcome, endReason } from "../lib/words.ts";
import { Section } from "../ui/boundary.tsx";
import { Skeleton } from "../ui/skeleton.tsx";
import { CallInsightsView } from "./CallInsights.tsx";
import { LineFilter, useLineFilter, useLineNames } from "./LineFilter.tsx";

export default function Activity() {
  usePageTitle("Calls");
  const [lineId, setLineId] = useLineFilter();
  return (
    <>
      <h1>Calls</h1>
      <Section title="The filter" fallback={<Skeleton lines={1} />}>
        <LineFilter value={lineId} onChange={setLineId} />
      </Section>
      <Section title="Call activity" fallback={<Skeleton lines={6} />}>
        <CallList lineId={lineId} />
      </Section>
    </>
  );
}

function CallList({ lineId }: { lineId: string | undefined }) {
  const { data } = useCalls(lineId);
  const lineOf = useLineNames();
  if (data.items.length === 0) {
    return (
      <p className="empty card">
        No calls yet. Calls appear here as soon as they start — scheduled ones, ones your loved one makes, and
        test calls.
      </p>
    );
  }
  return (
    <ul className="list" aria-label="Calls" data-testid="call-list">
      {data.items.map((call) => {
        const line = lineOf(call.lineId);
        const when = call.startedAt ?? call.createdAt;
        const reason = endReason(call.endReason);
        return (
          <li key={call.id} className="card call-row" data-testid="call-row">
            <p className="item-title">
              {line?.displayName ?? "Unknown number"} ·{" "}
              {call.direction === "inbound" ? "called in" : "Ultaura called"}
              {call.isTest ? " · test call" : ""}
            </p>
            <p>
              <span className={`outcome outcome-${call.outcome}`}>{callOutcome(call)}</span>
              {call.durationSeconds ? ` · ${formatDuration(call.durationSeconds)}` : ""}
              {reason ? ` · ended: ${reason}` : ""}
            </p>
            {call.insights ? (
              <CallInsightsView insights={call.insights} name={line?.displayName ?? "They"} />
            ) : null}
            {call.callerVerified ? null : (
              <p data-testid="caller-unverified">
                The phone network could not confirm this call really came from{" "}
                {line?.displayName ?? "their number"}'s phone, so Ultaura kept private memories and health
                notes out of it.
              </p>
            )}
            <p className="hint">
              {lineTime(when, line?.timezone ?? viewerTimeZone())}
              {call.billedMinutes != null ? ` · ${call.billedMinutes} min billed` : ""}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
