import { useAction } from "../api/actions.ts";
import { client, requestApi } from "../api/client.ts";
import { keys, useAlerts } from "../api/queries.ts";
import type { SafetyEvent } from "../api/types.ts";
import { lineTime, viewerTimeZone } from "../lib/time.ts";
import { usePageTitle } from "../lib/title.ts";
import { Section } from "../ui/boundary.tsx";
import { Button } from "../ui/button.tsx";
import { Skeleton } from "../ui/skeleton.tsx";
import { LineFilter, useLineFilter, useLineNames } from "./LineFilter.tsx";

const TIER_WORDS = {
  low: "A gentle note",
  medium: "Worth a check-in",
  high: "Urgent",
  emergency: "Emergency",
} as const;

export default function Alerts() {
  usePageTitle("Alerts");
  const [lineId, setLineId] = useLineFilter();
  return (
    <>
      <h1>Alerts</h1>
      <p className="lead">
        When Ultaura hears something that may need you, it shows up here — calmly, with what it already did.
      </p>
      <Section title="The filter" fallback={<Skeleton lines={1} />}>
        <LineFilter value={lineId} onChange={setLineId} />
      </Section>
      <Section title="Alerts" fallback={<Skeleton lines={5} />}>
        <AlertList lineId={lineId} />
      </Section>
    </>
  );
}

function AlertList({ lineId }: { lineId: string | undefined }) {
  const { data } = useAlerts(lineId);
  if (data.items.length === 0)
    return <p className="empty card">No alerts. Nothing worrying has come up on calls.</p>;
  return (
    <ul className="list" aria-label="Alerts">
      {data.items.map((a) => (
        <AlertRow key={a.id} alert={a} />
      ))}
    </ul>
  );
}

function AlertRow({ alert }: { alert: SafetyEvent }) {
  const lineOf = useLineNames();
  const line = lineOf(alert.lineId);
  const name = line?.displayName ?? "Your loved one";
  const ack = useAction({
    run: () => requestApi(client["safety-events"][":id"].acknowledge.$post({ param: { id: alert.id } })),
    invalidates: [keys.alerts(alert.lineId), keys.alerts()],
    success: "Marked as seen.",
  });
  return (
    <li className={`card alert alert-${alert.tier}`}>
      <p className="item-title">
        <span className={`badge badge-tier-${alert.tier}`}>{TIER_WORDS[alert.tier]}</span> {name} ·{" "}
        {lineTime(alert.createdAt, line?.timezone ?? viewerTimeZone())}
      </p>
      {alert.signals.length > 0 ? (
        <p>What was heard: {alert.signals.map((signal) => signal.replaceAll("_", " ")).join("; ")}</p>
      ) : null}
      {alert.foundAfterCall ? (
        <p data-testid="found-after-call">Noticed when the call was looked back on, after it ended.</p>
      ) : null}
      {alert.guidance ? <p>What Ultaura did: {alert.guidance}</p> : null}
      <p>{alert.contactsNotifiedAt ? "Your trusted contacts were told." : "No one else was told."}</p>
      {alert.acknowledgedAt ? (
        <p className="hint">Seen {new Date(alert.acknowledgedAt).toLocaleString()}</p>
      ) : (
        <p className="actions">
          <span>You could give {name} a call to check in.</span>
          <Button variant="primary" onClick={() => ack.mutate()} busy={ack.isPending} busyText="Saving…">
            Mark as seen
          </Button>
        </p>
      )}
    </li>
  );
}
