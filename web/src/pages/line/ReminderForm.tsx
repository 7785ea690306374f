import { type FormEvent, useRef, useState } from "react";
import { createReminderBody } from "../../api/schemas.ts";
import type { Line, Reminder, ReminderInput } from "../../api/types.ts";
import { REMINDER_KINDS } from "../../lib/reminder-words.ts";
import { zoneCity } from "../../lib/time.ts";
import { Button } from "../../ui/button.tsx";
import { Field, focusFirstError } from "../../ui/field.tsx";
import { FormActions } from "../../ui/form-actions.tsx";
import { DayPicker } from "./DayPicker.tsx";

interface Props {
  line: Line;
  initial?: Reminder;
  submitLabel: string;
  busy: boolean;
  onSubmit: (input: ReminderInput) => void;
  onCancel?: () => void;
}

/** What, when (once, or days and up to 6 times), in the loved one's own time zone, and what a miss does. */
export function ReminderForm({ line, initial, submitLabel, busy, onSubmit, onCancel }: Props) {
  const [text, setText] = useState(initial?.text ?? "");
  const [kind, setKind] = useState<ReminderInput["kind"]>(initial?.kind ?? "medication");
  const [once, setOnce] = useState(Boolean(initial?.once));
  const [date, setDate] = useState(initial?.once?.slice(0, 10) ?? "");
  const [days, setDays] = useState<number[]>(initial?.daysOfWeek ?? [0, 1, 2, 3, 4, 5, 6]);
  const [times, setTimes] = useState<string[]>(initial?.times ?? [initial?.once?.slice(11) ?? "08:00"]);
  const [requireAck, setRequireAck] = useState(initial?.requireAck ?? true);
  const [retries, setRetries] = useState(initial?.retries ?? 2);
  const [notifyOnMiss, setNotifyOnMiss] = useState(initial?.notifyOnMiss ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const city = zoneCity(line.timezone);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      text,
      kind,
      requireAck,
      retries,
      notifyOnMiss,
      ...(once ? { once: `${date}T${times[0] ?? ""}` } : { daysOfWeek: days, times }),
    };
    const parsed = createReminderBody.safeParse(body);
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "");
        if (field === "text") next.text = "Write what to remind them of (up to 120 characters).";
        if (field === "once") next.when = "Choose a date and a time.";
        if (field === "times") next.when = "Enter up to 6 different times, like 08:00.";
        if (field === "daysOfWeek") next.days = "Choose at least one day.";
      }
      setErrors(next);
      requestAnimationFrame(() => focusFirstError(formRef.current));
      return;
    }
    setErrors({});
    onSubmit(parsed.data);
  };

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate>
      <Field label="Remind them to…" error={errors.text} hint="In their language; they hear it read out.">
        {(p) => <input {...p} value={text} maxLength={120} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <Field label="Kind">
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value as ReminderInput["kind"])}>
            {Object.entries(REMINDER_KINDS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="choice">
        <legend>How often?</legend>
        <label>
          <input type="radio" checked={!once} onChange={() => setOnce(false)} /> Repeating
        </label>
        <label>
          <input type="radio" checked={once} onChange={() => setOnce(true)} /> Once
        </label>
      </fieldset>
      {once ? (
        <Field label={`Date (${city})`} error={errors.when}>
          {(p) => <input {...p} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
      ) : (
        <fieldset className="choice">
          <legend>Which days?</legend>
          <DayPicker days={days} invalid={!!errors.days} onChange={setDays} />
          {errors.days ? <p className="field-error">{errors.days}</p> : null}
        </fieldset>
      )}
      {(once ? times.slice(0, 1) : times).map((time, i) => (
        <Field
          // biome-ignore lint/suspicious/noArrayIndexKey: the times are edited in place, by position
          key={i}
          label={`Time ${once || times.length === 1 ? "" : i + 1} in ${city} time`.replace("  ", " ")}
          error={i === 0 && !once ? errors.when : undefined}
        >
          {(p) => (
            <input
              {...p}
              type="time"
              value={time}
              onChange={(e) => setTimes((all) => all.map((t, j) => (j === i ? e.target.value : t)))}
            />
          )}
        </Field>
      ))}
      {!once && times.length < 6 ? (
        <Button variant="secondary" onClick={() => setTimes((all) => [...all, "20:00"])}>
          Add another time
        </Button>
      ) : null}
      {!once && times.length > 1 ? (
        <Button variant="secondary" onClick={() => setTimes((all) => all.slice(0, -1))}>
          Remove the last time
        </Button>
      ) : null}
      <label>
        <input type="checkbox" checked={requireAck} onChange={(e) => setRequireAck(e.target.checked)} /> Ask
        them to press 1 or say yes
      </label>
      <Field label="Tries if there is no answer or no yes">
        {(p) => (
          <select {...p} value={retries} onChange={(e) => setRetries(Number(e.target.value))}>
            {[0, 1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n === 0 ? "No retries" : `${n} more`}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label>
        <input type="checkbox" checked={notifyOnMiss} onChange={(e) => setNotifyOnMiss(e.target.checked)} />{" "}
        Tell the family (those who chose reminder alerts) when one is missed
      </label>
      <FormActions submitLabel={submitLabel} busy={busy} onCancel={onCancel} />
    </form>
  );
}
