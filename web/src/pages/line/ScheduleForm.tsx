import { type FormEvent, useId, useRef, useState } from "react";
import { createScheduleBody } from "../../api/schemas.ts";
import type { Line, ScheduleInput } from "../../api/types.ts";
import { viewerTimeZone, zoneCity } from "../../lib/time.ts";
import { Field } from "../../ui/field.tsx";
import { FormActions } from "../../ui/form-actions.tsx";
import { DayPicker } from "./DayPicker.tsx";

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
        <DayPicker days={days} invalid={!!errors.days} onChange={setDays} />
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
      <FormActions submitLabel={submitLabel} busy={busy} onCancel={onCancel} />
    </form>
  );
}
