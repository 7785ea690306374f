import { client, requestApi } from "../../api/client.ts";
import { keys, useScheduleRuns, useSchedules } from "../../api/queries.ts";
import type { Line, Schedule, ScheduleInput } from "../../api/types.ts";
import { describeDays, formatLocalTime, lineTime, zoneCity } from "../../lib/time.ts";
import { runResult } from "../../lib/words.ts";
import { Section } from "../../ui/boundary.tsx";
import { AddCard, useOpenForm } from "../../ui/open-form.tsx";
import { ItemActions, ItemList, PanelSection } from "../../ui/panel.tsx";
import { RemoveButton } from "../../ui/remove-button.tsx";
import { ScheduleForm } from "./ScheduleForm.tsx";

/** Call times in the loved one's own zone, with the zone named. */
export function SchedulesPanel({ line }: { line: Line }) {
  const { data } = useSchedules(line.id);
  const adding = useOpenForm<ScheduleInput, Schedule>({
    run: (body) => requestApi(client.lines[":id"].schedules.$post({ param: { id: line.id }, json: body })),
    invalidates: [keys.schedules(line.id)],
    success: "Call time added.",
  });
  return (
    <PanelSection
      id="schedules"
      title="Call times"
      hint={
        <>
          Times are in {line.displayName}'s time zone: {zoneCity(line.timezone)} (
          {line.timezone.replaceAll("_", " ")}).
        </>
      }
    >
      <ItemList
        items={data.items}
        empty={<>No call times yet. Add one so Ultaura knows when to call {line.displayName}.</>}
      >
        {(s) => <ScheduleRow key={s.id} line={line} schedule={s} />}
      </ItemList>
      <Section title="Recent scheduled calls">
        <RecentRuns line={line} />
      </Section>
      <AddCard adding={adding} title="New call time" opener="Add a call time">
        <ScheduleForm line={line} submitLabel="Add call time" {...adding.form} />
      </AddCard>
    </PanelSection>
  );
}

function ScheduleRow({ line, schedule }: { line: Line; schedule: Schedule }) {
  const editing = useOpenForm<Partial<ScheduleInput>, Schedule>({
    run: (body) => requestApi(client.schedules[":id"].$patch({ param: { id: schedule.id }, json: body })),
    invalidates: [keys.schedules(line.id)],
    success: "Call time saved.",
  });
  const label = `${describeDays(schedule.daysOfWeek)} at ${formatLocalTime(schedule.localTime)}`;
  if (editing.open) {
    return (
      <li className="card">
        <ScheduleForm line={line} initial={schedule} submitLabel="Save" {...editing.form} />
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
      <ItemActions
        name={label}
        onChange={editing.show}
        toggle={{
          word: schedule.enabled ? "Turn off" : "Turn on",
          busy: editing.action.isPending,
          onToggle: () => editing.action.mutate({ enabled: !schedule.enabled }),
        }}
      >
        <RemoveButton
          aria-label={`Remove ${label}`}
          question={`Remove ${label}?`}
          run={() => requestApi(client.schedules[":id"].$delete({ param: { id: schedule.id } }))}
          invalidates={[keys.schedules(line.id)]}
          success="Call time removed."
        />
      </ItemActions>
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
