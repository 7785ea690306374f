import { type FormEvent, useEffect, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { useAction } from "../../api/actions.ts";
import { client, errorMessage, requestApi } from "../../api/client.ts";
import { keys } from "../../api/queries.ts";
import { createLineBody } from "../../api/schemas.ts";
import type { Line, LineInput } from "../../api/types.ts";
import { fieldErrors } from "../../lib/form.ts";
import { viewerTimeZone } from "../../lib/time.ts";
import { Button } from "../../ui/button.tsx";
import { Field, focusFirstError } from "../../ui/field.tsx";
import { LanguageSelect } from "../../ui/language-select.tsx";
import { TimeZoneSelect } from "../../ui/time-zone-select.tsx";

const LABELS = {
  displayName: "Name",
  preferredName: "What they like to be called",
  phone: "Phone number",
  timezone: "Time zone",
  language: "Language",
};

/** Step 1: "Who should Ultaura call?" — the line is created here; every later step resumes from it. */
export function WhoStep() {
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState({
    displayName: "",
    preferredName: "",
    phone: "",
    timezone: viewerTimeZone(),
    language: "en-US" as LineInput["language"],
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  // The API's refusal arrives after the submit handler has returned: focus it once React has rendered it.
  useEffect(() => {
    if (errors.form) formRef.current?.querySelector<HTMLElement>(".form-error")?.focus();
  }, [errors]);
  const create = useAction<LineInput, Line>({
    run: async (body) => {
      // A new family member's account (free trial) is created with the first person they add.
      const me = await requestApi(client.me.$get());
      if (me.accounts.length === 0)
        await requestApi(client.accounts.$post({ json: { name: `${body.displayName}'s family` } }));
      return requestApi(client.lines.$post({ query: {}, json: body }));
    },
    invalidates: [keys.me, keys.account, keys.usage, keys.lines],
    success: (line) => `${line.displayName} is added.`,
    toastErrors: false,
    onSuccess: (line) => navigate(`/welcome/${line.id}?step=agree`),
  });
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [name]: e.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: LineInput = {
      ...form,
      preferredName: form.preferredName.trim() || null,
      quietHours: { start: "21:00", end: "08:00" },
    };
    const parsed = createLineBody.safeParse(body);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error, LABELS));
      requestAnimationFrame(() => focusFirstError(formRef.current));
      return;
    }
    setErrors({});
    create.mutate(body, {
      onError: (error) => setErrors({ form: errorMessage(error) }),
    });
  };

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate>
      <h2 tabIndex={-1}>Who should Ultaura call?</h2>
      <p>Tell us about the person you'd like to have friendly calls. You can change any of this later.</p>
      {errors.form ? (
        <p className="form-error" role="alert" tabIndex={-1}>
          {errors.form}
        </p>
      ) : null}
      <Field label="Their name" error={errors.displayName} hint="As you'd like to see it here, e.g. Rose.">
        {(p) => <input {...p} autoComplete="off" value={form.displayName} onChange={set("displayName")} />}
      </Field>
      <Field
        label="What they like to be called (optional)"
        error={errors.preferredName}
        hint="Ultaura will use this on the phone, e.g. Rosie."
      >
        {(p) => (
          <input {...p} autoComplete="off" value={form.preferredName} onChange={set("preferredName")} />
        )}
      </Field>
      <Field label="Their phone number" error={errors.phone} hint="Any format is fine, e.g. (555) 555-0123.">
        {(p) => (
          <input
            {...p}
            type="tel"
            autoComplete="off"
            inputMode="tel"
            value={form.phone}
            onChange={set("phone")}
          />
        )}
      </Field>
      <Field
        label="Their time zone"
        error={errors.timezone}
        hint="We guessed yours. Change it if they live elsewhere."
      >
        {(p) => <TimeZoneSelect {...p} value={form.timezone} onChange={set("timezone")} />}
      </Field>
      <Field label="Language for calls" error={errors.language}>
        {(p) => <LanguageSelect {...p} value={form.language} onChange={set("language")} />}
      </Field>
      <Button type="submit" variant="primary" busy={create.isPending} busyText="Adding…">
        Continue
      </Button>
    </form>
  );
}
