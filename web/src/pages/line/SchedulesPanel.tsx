import { useState } from "react";
import { useAction } from "../../api/actions.ts";
import { client, requestApi } from "../../api/client.ts";
import { keys, useScheduleRuns, useSchedules } from "../../api/queries.ts";
import type { Line, Schedule, ScheduleInput } from "../../api/types.ts";
import { describeDays, formatLocalTime, lineTime, zoneCity } from "../../lib/time.ts";
import { runResult } from "../../lib/words.ts";
import { Section } from "../../ui/boundary.tsx";
import { Button } from "../../ui/button.tsx";
import { ConfirmButton } from "../../ui/confirm.tsx";
import { ScheduleForm } from "./ScheduleForm.tsx";

/** Call times in the loved one's own zone, with the zone named. */
export function SchedulesPanel({ line }: { line: Line }) {
  const { data } = useSchedules(line.id);
  const [adding, setAdding] = useState(false);
  const create = useAction<ScheduleInput, Schedule>({
    run: (body) => requestApi(client.lines[":id"].schedules.$post({ param: { id: line.id }, json: body })),
    invalidates: [keys.schedules(line.id)],
    success: "Call time added.",
    onSuccess: () => setAdding(false),
  });
  return (
    <section className="stack" aria-labelledby="schedules-title">
      <h2 id="schedules-title">Call times</h2>
      <p className="hint">
        Times are in {line.displayName}'s time zone: {zoneCity(line.timezone)} (
        {line.timezone.replaceAll("_", " ")}).
      </p>
      {data.items.length === 0 ? (
        <p className="empty card">
          No call times yet. Add one so Ultaura knows when to call {line.displayName}.
        </p>
      ) : (
        <ul className="list">
          {data.items.map((s) => (
            <ScheduleRow key={s.id} line={line} schedule={s} />
          ))}
        </ul>
      )}
      <Section title="Recent scheduled calls">
        <RecentRuns line={line} />
      </Section>
      {adding ? (
        <div className="card">
          <h3>New call time</h3>
          <ScheduleForm
            line={line}
            submitLabel="Add call time"
            busy={create.isPending}
            onSubmit={(b) => create.mutate(b)}
            onCancel={() => setAdding(false)}
          />
        </div>
      ) : (
        <Button variant="primary" onClick={() => setAdding(true)}>
          Add a call time
        </Button>
      )}
    </section>
  );
}

function ScheduleRow({ line, schedule }: { line: Line; schedule: Schedule }) {
  const [editing, setEditing] = useState(false);
  const invalidates = [keys.schedules(line.id)];
  const update = useAction<Partial<ScheduleInput>, Schedule>({
    run: (body) => requestApi(client.schedules[":id"].$patch({ param: { id: schedule.id }, json: body })),
    invalidates,
    success: "Call time saved.",
    onSuccess: () => setEditing(false),
  });
  const remove = useAction({
    run: () => requestApi(client.schedules[":id"].$delete({ param: { id: schedule.id } })),
    invalidates,
    success: "Call time removed.",
  });
  const label = `${describeDays(schedule.daysOfWeek)} at ${formatLocalTime(schedule.localTime)}`;
  if (editing) {
    return (
      <li className="card">
        <ScheduleForm
          line={line}
          initial={schedule}
          submitLabel="Save"
          busy={update.isPending}
          onSubmit={(b) => update.mutate(b)}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }
  return (
    <li className="card row-item">
      <div>
        <p className="item-title">{label}</p>
        <p className="hint">
          {schedule.enabled
            ? schedule.nextRunAt
              ? `Next: ${lineTime(schedule.nextRunAt, line.timezone)}`
              : "No upcoming call"
            : "Turned off"}
        </p>
      </div>
      <div className="actions">
        <Button onClick={() => setEditing(true)} aria-label={`Change ${label}`}>
          Change
        </Button>
        <Button
          onClick={() => update.mutate({ enabled: !schedule.enabled })}
          busy={update.isPending}
          aria-label={`${schedule.enabled ? "Turn off" : "Turn on"} ${label}`}
        >
          {schedule.enabled ? "Turn off" : "Turn on"}
        </Button>
        <ConfirmButton
          label="Remove"
          aria-label={`Remove ${label}`}
          question={`Remove ${label}?`}
          confirmLabel="Yes, remove"
          busy={remove.isPending}
          busyText="Removing…"
          onConfirm={() => remove.mutate()}
        />
      </div>
    </li>
  );
}

/** What happened at each scheduled time: talked, missed after retries, or not placed and why. */
function RecentRuns({ line }: { line: Line }) {
  const { data } = useScheduleRuns(line.id);
  const runs = data.items.slice(0, 10);
  if (runs.length === 0) return null;
  return (
    <>
      <h3>Recent scheduled calls</h3>
      <ul className="list-plain" data-testid="schedule-runs">
        {runs.map((run) => (
          <li key={run.id}>
            {lineTime(run.occurrenceAt, line.timezone)}
            {run.attempt > 0 ? ` (try ${run.attempt + 1})` : ""}: {runResult(run)}
          </li>
        ))}
      </ul>
    </>
  );
}
