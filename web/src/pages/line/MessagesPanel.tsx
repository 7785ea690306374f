import { type FormEvent, useRef, useState } from "react";
import { useAction } from "../../api/actions.ts";
import { client, requestApi } from "../../api/client.ts";
import { keys, useMessages } from "../../api/queries.ts";
import { createMessageBody } from "../../api/schemas.ts";
import type { FamilyMessage, FamilyMessageInput, Line } from "../../api/types.ts";
import { fieldErrors } from "../../lib/form.ts";
import { lineTime } from "../../lib/time.ts";
import { Field, focusFirstError } from "../../ui/field.tsx";
import { SubmitButton } from "../../ui/form-actions.tsx";
import { ItemList, PanelSection } from "../../ui/panel.tsx";

const MAX = 280;

/** Notes the family leaves for the next call; Ultaura passes each on and it shows as delivered. */
export function MessagesPanel({ line }: { line: Line }) {
  const { data } = useMessages(line.id);
  const form = useRef<HTMLFormElement>(null);
  const [text, setText] = useState("");
  const [from, setFrom] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const send = useAction<FamilyMessageInput, FamilyMessage>({
    run: (body) => requestApi(client.lines[":id"].messages.$post({ param: { id: line.id }, json: body })),
    invalidates: [keys.messages(line.id)],
    success: `Saved. Ultaura will pass it on during the next call with ${line.displayName}.`,
    onSuccess: () => setText(""),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createMessageBody.safeParse({ text, from });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error, { text: "The message", from: "Your name" }));
      queueMicrotask(() => focusFirstError(form.current));
      return;
    }
    setErrors({});
    send.mutate(parsed.data);
  };
  return (
    <PanelSection
      id="messages"
      title="Messages for the next call"
      hint={
        <>
          Leave {line.displayName} a short note — "We're visiting on Sunday" — and Ultaura will pass it on,
          saying it's from you.
        </>
      }
    >
      <form ref={form} className="card stack" onSubmit={submit} noValidate>
        <Field label="Your message" hint={`${text.length} of ${MAX} characters`} error={errors.text}>
          {(props) => (
            <textarea
              {...props}
              rows={3}
              maxLength={MAX}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          )}
        </Field>
        <Field label="From" hint="The name they'll hear, like Anna or Dad." error={errors.from}>
          {(props) => (
            <input
              {...props}
              autoComplete="given-name"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
            />
          )}
        </Field>
        <SubmitButton busy={send.isPending}>Save message</SubmitButton>
      </form>
      <ItemList items={data.items} empty="No messages yet." aria-label="Messages" data-testid="message-list">
        {(m) => (
          <li key={m.id} className="card" data-testid="message-row">
            <p className="summary">{m.text}</p>
            <p className="hint">
              From {m.from} ·{" "}
              <span className={`message-state message-state-${m.state}`} data-testid="message-state">
                {m.state === "delivered" ? "Delivered" : "Waiting for the next call"}
              </span>
              {m.deliveredAt ? ` · ${lineTime(m.deliveredAt, line.timezone)}` : ""}
            </p>
          </li>
        )}
      </ItemList>
    </PanelSection>
  );
}
