import { type FormEvent, useRef, useState } from "react";
import { client, requestApi } from "../../api/client.ts";
import { keys, useContacts } from "../../api/queries.ts";
import { createContactBody } from "../../api/schemas.ts";
import type { AlertTier, Contact, ContactInput, Line } from "../../api/types.ts";
import { fieldErrors } from "../../lib/form.ts";
import { formatPhone, TIERS, tierSummary } from "../../lib/words.ts";
import { Field, focusFirstError } from "../../ui/field.tsx";
import { FormActions } from "../../ui/form-actions.tsx";
import { AddCard, useOpenForm } from "../../ui/open-form.tsx";
import { ItemActions, ItemList, PanelSection } from "../../ui/panel.tsx";
import { RemoveButton } from "../../ui/remove-button.tsx";

/** People Ultaura may tell about a safety concern, with which alerts and their own agreement. */
export function ContactsPanel({ line }: { line: Line }) {
  const { data } = useContacts(line.id);
  const adding = useOpenForm<ContactInput, Contact>({
    run: (body) => requestApi(client.lines[":id"].contacts.$post({ param: { id: line.id }, json: body })),
    invalidates: [keys.contacts(line.id)],
    success: (c) => `${c.name} is added.`,
  });
  return (
    <PanelSection
      id="contacts"
      title="Trusted contacts"
      hint={
        <>
          If Ultaura hears something worrying on a call with {line.displayName}, it texts these people — only
          if they agreed to be told.
        </>
      }
    >
      <ItemList
        items={data.items}
        empty={<>No trusted contacts yet. Add someone nearby who could check on {line.displayName}.</>}
      >
        {(c) => <ContactRow key={c.id} line={line} contact={c} />}
      </ItemList>
      <AddCard adding={adding} title="New trusted contact" opener="Add a trusted contact">
        <ContactForm submitLabel="Add contact" {...adding.form} />
      </AddCard>
    </PanelSection>
  );
}

function ContactRow({ line, contact }: { line: Line; contact: Contact }) {
  const editing = useOpenForm<ContactInput, Contact>({
    run: (body) => requestApi(client.contacts[":id"].$patch({ param: { id: contact.id }, json: body })),
    invalidates: [keys.contacts(line.id)],
    success: "Contact saved.",
  });
  if (editing.open) {
    return (
      <li className="card">
        <ContactForm initial={contact} submitLabel="Save" {...editing.form} />
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
      <ItemActions name={contact.name} onChange={editing.show}>
        <RemoveButton
          aria-label={`Remove ${contact.name}`}
          question={`Remove ${contact.name}?`}
          run={() => requestApi(client.contacts[":id"].$delete({ param: { id: contact.id } }))}
          invalidates={[keys.contacts(line.id)]}
          success={`${contact.name} is removed.`}
        />
      </ItemActions>
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
      <FormActions submitLabel={submitLabel} busy={busy} onCancel={onCancel} />
    </form>
  );
}
