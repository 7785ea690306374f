import { type FormEvent, useId, useRef, useState } from "react";
import { createScheduleBody } from "../../api/schemas.ts";
import type { Line, ScheduleInput } from "../../api/types.ts";
import { DAY_NAMES, DAY_SHORT, viewerTimeZone, zoneCity } from "../../lib/time.ts";
import { Button } from "../../ui/button.tsx";
import { Field } from "../../ui/field.tsx";

interface Props {
  line: Line;
  initial?: { daysOfWeek: number[]; localTime: string };
  submitLabel: string;
  busy: boolean;
  onSubmit: (input: ScheduleInput) => void;
  onCancel?: () => void;
}

/** Days and a time, always in the loved one's own time zone, which is named on the form. */
export function ScheduleForm({ line, initial, submitLabel, busy, onSubmit, onCancel }: Props) {
  const [days, setDays] = useState<number[]>(initial?.daysOfWeek ?? [0, 1, 2, 3, 4, 5, 6]);
  const [time, setTime] = useState(initial?.localTime ?? "10:00");
  const [errors, setErrors] = useState<{ days?: string; time?: string }>({});
  const formRef = useRef<HTMLFormElement>(null);
  const legendId = useId();
  const elsewhere = line.timezone !== viewerTimeZone();

  const toggle = (day: number) =>
    setDays((all) => (all.includes(day) ? all.filter((d) => d !== day) : [...all, day].sort()));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createScheduleBody.safeParse({ daysOfWeek: days, localTime: time });
    if (!parsed.success) {
      const next: typeof errors = {};
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === "daysOfWeek") next.days = "Choose at least one day.";
        if (issue.path[0] === "localTime") next.time = "Enter a time, like 10:00.";
      }
      setErrors(next);
      requestAnimationFrame(() =>
        formRef.current
          ?.querySelector<HTMLElement>(next.days ? "input[type=checkbox]" : "input[type=time]")
          ?.focus(),
      );
      return;
    }
    setErrors({});
    onSubmit(parsed.data);
  };

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate>
      <fieldset className="choice" aria-describedby={errors.days ? `${legendId}-err` : undefined}>
        <legend id={legendId}>Which days?</legend>
        <div className="day-picker">
          {DAY_NAMES.map((name, day) => (
            <label key={name} className="day">
              <input
                type="checkbox"
                checked={days.includes(day)}
                onChange={() => toggle(day)}
                aria-invalid={errors.days ? true : undefined}
              />
              <span aria-hidden="true">{DAY_SHORT[day]}</span>
              <span className="visually-hidden">{name}</span>
            </label>
          ))}
        </div>
        {errors.days ? (
          <p id={`${legendId}-err`} className="field-error">
            <span aria-hidden="true">⚠ </span>
            {errors.days}
          </p>
        ) : null}
      </fieldset>
      <Field
        label={`What time, in ${zoneCity(line.timezone)} time?`}
        error={errors.time}
        hint={
          elsewhere
            ? `${line.displayName} lives in ${line.timezone.replaceAll("_", " ")}, which is not your time zone.`
            : `Time zone: ${line.timezone.replaceAll("_", " ")}.`
        }
      >
        {(p) => <input {...p} type="time" value={time} onChange={(e) => setTime(e.target.value)} />}
      </Field>
      <div className="actions">
        <Button type="submit" variant="primary" busy={busy} busyText="Saving…">
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
