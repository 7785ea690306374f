import { useState } from "react";
import { useAction } from "../../api/actions.ts";
import { client, requestApi } from "../../api/client.ts";
import { keys, useReminders } from "../../api/queries.ts";
import type { Line, Reminder, ReminderInput, ReminderUpdate } from "../../api/types.ts";
import { describeWhen, occurrenceWords, REMINDER_KINDS } from "../../lib/reminder-words.ts";
import { lineTime, zoneCity } from "../../lib/time.ts";
import { Button } from "../../ui/button.tsx";
import { ConfirmButton } from "../../ui/confirm.tsx";
import { ReminderForm } from "./ReminderForm.tsx";

/** Medication, appointment and other reminders: a short call at the time, in the loved one's zone. */
export function RemindersPanel({ line }: { line: Line }) {
  const { data } = useReminders(line.id);
  const [adding, setAdding] = useState(false);
  const create = useAction<ReminderInput, Reminder>({
    run: (json) => requestApi(client.lines[":id"].reminders.$post({ param: { id: line.id }, json })),
    invalidates: [keys.reminders(line.id)],
    success: "Reminder added.",
    onSuccess: () => setAdding(false),
  });
  return (
    <section className="stack" aria-labelledby="reminders-title">
      <h2 id="reminders-title">Reminders</h2>
      <p className="hint">
        Ultaura phones {line.displayName} with a short reminder at each time ({zoneCity(line.timezone)} time),
        or gives it during a call already happening.
      </p>
      {data.items.length === 0 ? (
        <p className="empty card">No reminders yet.</p>
      ) : (
        <ul className="list">
          {data.items.map((r) => (
            <ReminderRow key={r.id} line={line} reminder={r} />
          ))}
        </ul>
      )}
      {adding ? (
        <div className="card">
          <h3>New reminder</h3>
          <ReminderForm
            line={line}
            submitLabel="Add reminder"
            busy={create.isPending}
            onSubmit={(b) => create.mutate(b)}
            onCancel={() => setAdding(false)}
          />
        </div>
      ) : (
        <Button variant="primary" onClick={() => setAdding(true)}>
          Add a reminder
        </Button>
      )}
    </section>
  );
}

function ReminderRow({ line, reminder }: { line: Line; reminder: Reminder }) {
  const [editing, setEditing] = useState(false);
  // A changed or deleted reminder changes its occurrences' words (or removes them) on the activity page too.
  const invalidates = [
    keys.reminders(line.id),
    keys.reminderOccurrences(),
    keys.reminderOccurrences(line.id),
  ];
  const update = useAction<ReminderUpdate, Reminder>({
    run: (json) => requestApi(client.reminders[":id"].$patch({ param: { id: reminder.id }, json })),
    invalidates,
    success: "Reminder saved.",
    onSuccess: () => setEditing(false),
  });
  const remove = useAction({
    run: () => requestApi(client.reminders[":id"].$delete({ param: { id: reminder.id } })),
    invalidates,
    success: "Reminder removed.",
  });
  const label = `${reminder.text}, ${describeWhen(reminder)}`;
  if (editing) {
    return (
      <li className="card">
        <ReminderForm
          line={line}
          initial={reminder}
          submitLabel="Save"
          busy={update.isPending}
          onSubmit={(b) => update.mutate(b)}
          onCancel={() => setEditing(false)}
        />
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
      <div className="actions">
        <Button onClick={() => setEditing(true)} aria-label={`Change ${label}`}>
          Change
        </Button>
        <Button
          onClick={() => update.mutate({ paused: !reminder.paused })}
          busy={update.isPending}
          aria-label={`${reminder.paused ? "Resume" : "Pause"} ${label}`}
        >
          {reminder.paused ? "Resume" : "Pause"}
        </Button>
        <ConfirmButton
          label="Remove"
          aria-label={`Remove ${label}`}
          question={`Remove the reminder "${reminder.text}"?`}
          confirmLabel="Yes, remove"
          busy={remove.isPending}
          busyText="Removing…"
          onConfirm={() => remove.mutate()}
        />
      </div>
    </li>
  );
}
