import { type FormEvent, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { useAction } from "../../api/actions.ts";
import { client, requestApi } from "../../api/client.ts";
import { keys } from "../../api/queries.ts";
import { updateLineBody } from "../../api/schemas.ts";
import type { Line, LineUpdate } from "../../api/types.ts";
import { fieldErrors } from "../../lib/form.ts";
import { possessive } from "../../lib/words.ts";
import { Button } from "../../ui/button.tsx";
import { ConfirmButton } from "../../ui/confirm.tsx";
import { Field, focusFirstError } from "../../ui/field.tsx";
import { LanguageSelect } from "../../ui/language-select.tsx";
import { TimeZoneSelect } from "../../ui/time-zone-select.tsx";
import { DoNotCall } from "./DoNotCall.tsx";
import { TestCall } from "./TestCall.tsx";

const LABELS = {
  displayName: "Name",
  preferredName: "Preferred name",
  phone: "Phone number",
  timezone: "Time zone",
  quietHours: "Quiet hours",
  interests: "Interests",
  topicsToAvoid: "Topics to avoid",
};

const toTags = (text: string) =>
  text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);

export function SettingsPanel({ line }: { line: Line }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState({
    displayName: line.displayName,
    preferredName: line.preferredName ?? "",
    phone: line.phone,
    timezone: line.timezone,
    language: line.language,
    quiet: !!line.quietHours,
    quietStart: line.quietHours?.start ?? "21:00",
    quietEnd: line.quietHours?.end ?? "08:00",
    voicemailBehavior: line.voicemailBehavior,
    interests: line.interests.join(", "),
    topicsToAvoid: line.topicsToAvoid.join(", "),
    paused: line.status === "paused",
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const navigate = useNavigate();
  const removeLine = useAction({
    run: () => requestApi(client.lines[":id"].$delete({ param: { id: line.id } })),
    invalidates: [keys.lines, keys.usage],
    success: `${line.displayName} is removed. Ultaura won't call them again.`,
    onSuccess: () => navigate("/"),
  });
  const save = useAction<LineUpdate, Line>({
    run: (body) => requestApi(client.lines[":id"].$patch({ param: { id: line.id }, json: body })),
    invalidates: [keys.lines, keys.line(line.id)],
    success: (saved) => `${possessive(saved.displayName)} settings are saved.`,
  });
  const set =
    (name: keyof typeof form) => (e: { target: { value: string; checked?: boolean; type?: string } }) =>
      setForm((f) => ({ ...f, [name]: e.target.type === "checkbox" ? e.target.checked : e.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: LineUpdate = {
      displayName: form.displayName,
      preferredName: form.preferredName.trim() || null,
      timezone: form.timezone,
      language: form.language,
      quietHours: form.quiet ? { start: form.quietStart, end: form.quietEnd } : null,
      voicemailBehavior: form.voicemailBehavior,
      interests: toTags(form.interests),
      topicsToAvoid: toTags(form.topicsToAvoid),
      ...(line.status === "active" || line.status === "paused"
        ? { status: form.paused ? "paused" : "active" }
        : {}),
      ...(form.phone !== line.phone ? { phone: form.phone } : {}),
    };
    const parsed = updateLineBody.safeParse(body);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error, LABELS));
      requestAnimationFrame(() => focusFirstError(formRef.current));
      return;
    }
    setErrors({});
    save.mutate(body);
  };

  return (
    <div className="stack">
      {line.doNotCall ? <DoNotCall line={line} /> : null}
      {line.phoneVerified && !line.doNotCall ? (
        <section className="card" aria-labelledby="call-now">
          <h2 id="call-now">Call {line.displayName} now</h2>
          <TestCall line={line} />
        </section>
      ) : null}
      <form ref={formRef} className="card form" onSubmit={submit} noValidate aria-labelledby="settings-title">
        <h2 id="settings-title">About {line.displayName}</h2>
        <Field label="Name" error={errors.displayName}>
          {(p) => <input {...p} value={form.displayName} onChange={set("displayName")} />}
        </Field>
        <Field
          label="What they like to be called"
          error={errors.preferredName}
          hint="Optional. Used on the phone."
        >
          {(p) => <input {...p} value={form.preferredName} onChange={set("preferredName")} />}
        </Field>
        <Field
          label="Phone number"
          error={errors.phone}
          hint="Changing the number means verifying it again before the next call."
        >
          {(p) => <input {...p} type="tel" value={form.phone} onChange={set("phone")} />}
        </Field>
        <Field label="Time zone" error={errors.timezone}>
          {(p) => <TimeZoneSelect {...p} value={form.timezone} onChange={set("timezone")} />}
        </Field>
        <Field label="Language for calls">
          {(p) => <LanguageSelect {...p} value={form.language} onChange={set("language")} />}
        </Field>
        <fieldset className="choice">
          <legend>Quiet hours</legend>
          <label className="radio">
            <input type="checkbox" checked={form.quiet} onChange={set("quiet")} />
            No calls during quiet hours (in {line.displayName}'s time)
          </label>
          {form.quiet ? (
            <div className="row">
              <Field label="From" error={errors.quietHours}>
                {(p) => <input {...p} type="time" value={form.quietStart} onChange={set("quietStart")} />}
              </Field>
              <Field label="Until">
                {(p) => <input {...p} type="time" value={form.quietEnd} onChange={set("quietEnd")} />}
              </Field>
            </div>
          ) : null}
        </fieldset>
        <fieldset className="choice">
          <legend>If voicemail answers</legend>
          <label className="radio">
            <input
              type="radio"
              name="voicemail"
              checked={form.voicemailBehavior === "leave_message"}
              onChange={() => setForm((f) => ({ ...f, voicemailBehavior: "leave_message" }))}
            />
            Leave a short, friendly message
          </label>
          <label className="radio">
            <input
              type="radio"
              name="voicemail"
              checked={form.voicemailBehavior === "hang_up"}
              onChange={() => setForm((f) => ({ ...f, voicemailBehavior: "hang_up" }))}
            />
            Hang up without a message
          </label>
        </fieldset>
        <Field
          label="Things they enjoy talking about"
          error={errors.interests}
          hint="Separate with commas, e.g. gardening, old films."
        >
          {(p) => <input {...p} value={form.interests} onChange={set("interests")} />}
        </Field>
        <Field
          label="Topics to avoid"
          error={errors.topicsToAvoid}
          hint="Separate with commas, e.g. politics."
        >
          {(p) => <input {...p} value={form.topicsToAvoid} onChange={set("topicsToAvoid")} />}
        </Field>
        {line.status === "active" || line.status === "paused" ? (
          <label className="radio">
            <input type="checkbox" checked={form.paused} onChange={set("paused")} />
            Pause all scheduled calls for now
          </label>
        ) : null}
        <Button type="submit" variant="primary" busy={save.isPending} busyText="Saving…">
          Save changes
        </Button>
      </form>
      <section className="card" aria-labelledby="remove-line">
        <h2 id="remove-line">Stop using Ultaura for {line.displayName}</h2>
        <p>
          This removes {line.displayName}, their call times, contacts and memories. To pause calls for a while
          instead, use "Pause all scheduled calls" above.
        </p>
        <ConfirmButton
          label={`Remove ${line.displayName}`}
          question={`Remove ${line.displayName} and everything Ultaura knows about them?`}
          confirmLabel="Yes, remove"
          busy={removeLine.isPending}
          busyText="Removing…"
          onConfirm={() => removeLine.mutate()}
        />
      </section>
    </div>
  );
}
