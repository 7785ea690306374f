import { useCalls, useReminderOccurrences } from "../api/queries.ts";
import { occurrenceWords, REMINDER_KINDS } from "../lib/reminder-words.ts";
import { formatDuration, lineTime, viewerTimeZone } from "../lib/time.ts";
import { usePageTitle } from "../lib/title.ts";
import { callOutcome, endReason } from "../lib/words.ts";
import { Section } from "../ui/boundary.tsx";
import { Button } from "../ui/button.tsx";
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
      <section className="stack" aria-labelledby="reminder-activity-title">
        <h2 id="reminder-activity-title">Reminders</h2>
        <Section title="Reminders" fallback={<Skeleton lines={4} />}>
          <ReminderList lineId={lineId} />
        </Section>
      </section>
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

/** What became of each reminder at its time — the line page shows the same per reminder. */
function ReminderList({ lineId }: { lineId: string | undefined }) {
  const { data, hasNextPage, fetchNextPage, isFetchingNextPage } = useReminderOccurrences(lineId);
  const lineOf = useLineNames();
  const occurrences = data.pages.flatMap((page) => page.items);
  return (
    <>
      {occurrences.length === 0 ? (
        <p className="empty card">
          No reminders given yet. Each time a reminder comes round, you'll see here whether it was
          acknowledged, given during a call, or missed.
        </p>
      ) : (
        <ul className="list" aria-label="Reminders given" data-testid="reminder-activity">
          {occurrences.map((o) => {
            const line = lineOf(o.lineId);
            return (
              <li key={o.id} className="card" data-testid="reminder-occurrence">
                <p className="item-title">
                  {line?.displayName ?? "Unknown line"} · {REMINDER_KINDS[o.kind]}: {o.text}
                </p>
                <p>{occurrenceWords(o)}</p>
                <p className="hint">{lineTime(o.occurrenceAt, line?.timezone ?? viewerTimeZone())}</p>
              </li>
            );
          })}
        </ul>
      )}
      {hasNextPage && (
        <Button busy={isFetchingNextPage} busyText="Loading…" onClick={() => void fetchNextPage()}>
          Show more
        </Button>
      )}
    </>
  );
}
