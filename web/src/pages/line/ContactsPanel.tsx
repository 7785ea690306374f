import { type FormEvent, useRef, useState } from "react";
import { useAction } from "../../api/actions.ts";
import { client, requestApi } from "../../api/client.ts";
import { keys, useContacts } from "../../api/queries.ts";
import { createContactBody } from "../../api/schemas.ts";
import type { AlertTier, Contact, ContactInput, Line } from "../../api/types.ts";
import { fieldErrors } from "../../lib/form.ts";
import { formatPhone, TIERS, tierSummary } from "../../lib/words.ts";
import { Button } from "../../ui/button.tsx";
import { ConfirmButton } from "../../ui/confirm.tsx";
import { Field, focusFirstError } from "../../ui/field.tsx";

/** People Ultaura may tell about a safety concern, with which alerts and their own agreement. */
export function ContactsPanel({ line }: { line: Line }) {
  const { data } = useContacts(line.id);
  const [adding, setAdding] = useState(false);
  const create = useAction<ContactInput, Contact>({
    run: (body) => requestApi(client.lines[":id"].contacts.$post({ param: { id: line.id }, json: body })),
    invalidates: [keys.contacts(line.id)],
    success: (c) => `${c.name} is added.`,
    onSuccess: () => setAdding(false),
  });
  return (
    <section className="stack" aria-labelledby="contacts-title">
      <h2 id="contacts-title">Trusted contacts</h2>
      <p className="hint">
        If Ultaura hears something worrying on a call with {line.displayName}, it texts these people — only if
        they agreed to be told.
      </p>
      {data.items.length === 0 ? (
        <p className="empty card">
          No trusted contacts yet. Add someone nearby who could check on {line.displayName}.
        </p>
      ) : (
        <ul className="list">
          {data.items.map((c) => (
            <ContactRow key={c.id} line={line} contact={c} />
          ))}
        </ul>
      )}
      {adding ? (
        <div className="card">
          <h3>New trusted contact</h3>
          <ContactForm
            submitLabel="Add contact"
            busy={create.isPending}
            onSubmit={(b) => create.mutate(b)}
            onCancel={() => setAdding(false)}
          />
        </div>
      ) : (
        <Button variant="primary" onClick={() => setAdding(true)}>
          Add a trusted contact
        </Button>
      )}
    </section>
  );
}

function ContactRow({ line, contact }: { line: Line; contact: Contact }) {
  const [editing, setEditing] = useState(false);
  const invalidates = [keys.contacts(line.id)];
  const update = useAction<ContactInput, Contact>({
    run: (body) => requestApi(client.contacts[":id"].$patch({ param: { id: contact.id }, json: body })),
    invalidates,
    success: "Contact saved.",
    onSuccess: () => setEditing(false),
  });
  const remove = useAction({
    run: () => requestApi(client.contacts[":id"].$delete({ param: { id: contact.id } })),
    invalidates,
    success: `${contact.name} is removed.`,
  });
  if (editing) {
    return (
      <li className="card">
        <ContactForm
          initial={contact}
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
        <p className="item-title">
          {contact.name}
          {contact.relationship ? ` (${contact.relationship})` : ""} · {formatPhone(contact.phone)}
        </p>
        <p className="hint">
          Texted about: {tierSummary(contact.alertsFrom)}
          {contact.notifyMissedCalls ? ", and calls missed two days in a row" : ""} ·{" "}
          {contact.consentRecordedAt ? "agreed to be contacted" : "hasn't agreed yet — won't be texted"}
        </p>
      </div>
      <div className="actions">
        <Button onClick={() => setEditing(true)} aria-label={`Change ${contact.name}`}>
          Change
        </Button>
        <ConfirmButton
          label="Remove"
          aria-label={`Remove ${contact.name}`}
          question={`Remove ${contact.name}?`}
          confirmLabel="Yes, remove"
          busy={remove.isPending}
          busyText="Removing…"
          onConfirm={() => remove.mutate()}
        />
      </div>
    </li>
  );
}

interface FormProps {
  initial?: Contact;
  submitLabel: string;
  busy: boolean;
  onSubmit: (input: ContactInput) => void;
  onCancel: () => void;
}

function ContactForm({ initial, submitLabel, busy, onSubmit, onCancel }: FormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(initial?.name ?? "");
  const [phone, setPhone] = useState(initial?.phone ?? "");
  const [relationship, setRelationship] = useState(initial?.relationship ?? "");
  const [tier, setTier] = useState<AlertTier>(initial?.alertsFrom ?? "high");
  const [missedCalls, setMissedCalls] = useState(initial?.notifyMissedCalls ?? false);
  const [agreed, setAgreed] = useState(!!initial?.consentRecordedAt);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: ContactInput = {
      name,
      phone,
      relationship: relationship.trim() || null,
      alertsFrom: tier,
      notifyMissedCalls: missedCalls,
      contactAgreed: agreed,
    };
    const parsed = createContactBody.safeParse(body);
    if (!parsed.success) {
      setErrors(
        fieldErrors(parsed.error, {
          name: "Name",
          phone: "Phone number",
          relationship: "Relationship",
        }),
      );
      requestAnimationFrame(() => focusFirstError(formRef.current));
      return;
    }
    setErrors({});
    onSubmit(body);
  };
  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate>
      <Field label="Name" error={errors.name}>
        {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label="Phone number" error={errors.phone}>
        {(p) => <input {...p} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />}
      </Field>
      <Field label="Relationship (optional)" error={errors.relationship} hint="e.g. son, neighbour.">
        {(p) => <input {...p} value={relationship} onChange={(e) => setRelationship(e.target.value)} />}
      </Field>
      <fieldset className="choice">
        <legend>Which alerts should reach them?</legend>
        {TIERS.map((t) => (
          <label key={t.value} className="radio">
            <input
              type="radio"
              name="alertsFrom"
              value={t.value}
              checked={tier === t.value}
              onChange={() => setTier(t.value)}
            />
            <span>
              {t.label}
              <span className="hint block">{t.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="radio">
        <input type="checkbox" checked={missedCalls} onChange={(e) => setMissedCalls(e.target.checked)} />
        Also text them when calls go unanswered two days in a row.
      </label>
      <label className="radio">
        <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} />
        They have agreed to receive these texts from Ultaura.
      </label>
      <div className="actions">
        <Button type="submit" variant="primary" busy={busy} busyText="Saving…">
          {submitLabel}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
