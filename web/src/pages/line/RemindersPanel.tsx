import { client, requestApi } from "../../api/client.ts";
import { keys, useReminders } from "../../api/queries.ts";
import type { Line, Reminder, ReminderInput, ReminderUpdate } from "../../api/types.ts";
import { describeWhen, occurrenceWords, REMINDER_KINDS } from "../../lib/reminder-words.ts";
import { lineTime, zoneCity } from "../../lib/time.ts";
import { AddCard, useOpenForm } from "../../ui/open-form.tsx";
import { ItemActions, ItemList, PanelSection } from "../../ui/panel.tsx";
import { RemoveButton } from "../../ui/remove-button.tsx";
import { ReminderForm } from "./ReminderForm.tsx";

/** Medication, appointment and other reminders: a short call at the time, in the loved one's zone. */
export function RemindersPanel({ line }: { line: Line }) {
  const { data } = useReminders(line.id);
  const adding = useOpenForm<ReminderInput, Reminder>({
    run: (json) => requestApi(client.lines[":id"].reminders.$post({ param: { id: line.id }, json })),
    invalidates: [keys.reminders(line.id)],
    success: "Reminder added.",
  });
  return (
    <PanelSection
      id="reminders"
      title="Reminders"
      hint={
        <>
          Ultaura phones {line.displayName} with a short reminder at each time ({zoneCity(line.timezone)}{" "}
          time), or gives it during a call already happening.
        </>
      }
    >
      <ItemList items={data.items} empty="No reminders yet.">
        {(r) => <ReminderRow key={r.id} line={line} reminder={r} />}
      </ItemList>
      <AddCard adding={adding} title="New reminder" opener="Add a reminder">
        <ReminderForm line={line} submitLabel="Add reminder" {...adding.form} />
      </AddCard>
    </PanelSection>
  );
}

function ReminderRow({ line, reminder }: { line: Line; reminder: Reminder }) {
  // A changed or deleted reminder changes its occurrences' words (or removes them) on the activity page too.
  const invalidates = [
    keys.reminders(line.id),
    keys.reminderOccurrences(),
    keys.reminderOccurrences(line.id),
  ];
  const editing = useOpenForm<ReminderUpdate, Reminder>({
    run: (json) => requestApi(client.reminders[":id"].$patch({ param: { id: reminder.id }, json })),
    invalidates,
    success: "Reminder saved.",
  });
  const label = `${reminder.text}, ${describeWhen(reminder)}`;
  if (editing.open) {
    return (
      <li className="card">
        <ReminderForm line={line} initial={reminder} submitLabel="Save" {...editing.form} />
      </li>
    );
  }
  return (
    <li className="card" data-testid="reminder">
      <p className="item-title">{reminder.text}</p>
      <p className="hint">
        {REMINDER_KINDS[reminder.kind]} · {describeWhen(reminder)}
        {reminder.setBy === "voice" ? " · set by phone" : ""}
      </p>
      <p className="hint" data-testid="reminder-next">
        {reminder.paused
          ? "Paused"
          : reminder.nextAt
            ? `Next: ${lineTime(reminder.nextAt, line.timezone)}`
            : "No upcoming time"}
      </p>
      {reminder.recent.length > 0 ? (
        <ul
          className="list-plain"
          data-testid="reminder-occurrences"
          aria-label={`Recent times for ${reminder.text}`}
        >
          {reminder.recent.map((o) => (
            <li key={o.id}>
              {lineTime(o.occurrenceAt, line.timezone)}: {occurrenceWords(o)}
            </li>
          ))}
        </ul>
      ) : null}
      <ItemActions
        name={label}
        onChange={editing.show}
        toggle={{
          word: reminder.paused ? "Resume" : "Pause",
          busy: editing.action.isPending,
          onToggle: () => editing.action.mutate({ paused: !reminder.paused }),
        }}
      >
        <RemoveButton
          aria-label={`Remove ${label}`}
          question={`Remove the reminder "${reminder.text}"?`}
          run={() => requestApi(client.reminders[":id"].$delete({ param: { id: reminder.id } }))}
          invalidates={invalidates}
          success="Reminder removed."
        />
      </ItemActions>
    </li>
  );
}
