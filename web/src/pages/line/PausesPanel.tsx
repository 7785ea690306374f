import { type FormEvent, useState } from "react";
import { useAction } from "../../api/actions.ts";
import { client, requestApi } from "../../api/client.ts";
import { keys, usePauses } from "../../api/queries.ts";
import type { Line, LinePause } from "../../api/types.ts";
import { Button } from "../../ui/button.tsx";
import { ConfirmButton } from "../../ui/confirm.tsx";
import { Field } from "../../ui/field.tsx";

/** Planned pauses (a holiday): no calls and no missed-call notices on those days, in the line's own dates. */
export function PausesPanel({ line }: { line: Line }) {
  const { data } = usePauses(line.id);
  const [startsOn, setStartsOn] = useState("");
  const [endsOn, setEndsOn] = useState("");
  const [note, setNote] = useState("");
  const create = useAction<void, LinePause>({
    run: () =>
      requestApi(
        client.lines[":id"].pauses.$post({
          param: { id: line.id },
          json: { startsOn, endsOn, ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      ),
    invalidates: [keys.pauses(line.id)],
    success: "Pause planned.",
    onSuccess: () => {
      setStartsOn("");
      setEndsOn("");
      setNote("");
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section className="stack" aria-labelledby="pauses-title">
      <h2 id="pauses-title">Planned pauses</h2>
      <p className="hint">
        Away for a while? On these days (in {line.displayName}'s time zone) Ultaura does not call and nobody
        is told about missed calls. Calls start again by themselves the day after.
      </p>
      {data.items.length === 0 ? (
        <p className="empty card">No pauses planned.</p>
      ) : (
        <ul className="list">
          {data.items.map((pause) => (
            <PauseRow key={pause.id} line={line} pause={pause} />
          ))}
        </ul>
      )}
      <form className="form card" onSubmit={submit} noValidate>
        <Field label="First day without calls">
          {(p) => <input {...p} type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />}
        </Field>
        <Field label="Last day without calls">
          {(p) => <input {...p} type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />}
        </Field>
        <Field label="Note (optional)" hint="e.g. visiting family.">
          {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <Button type="submit" variant="primary" busy={create.isPending} busyText="Saving…">
          Plan a pause
        </Button>
      </form>
    </section>
  );
}

function PauseRow({ line, pause }: { line: Line; pause: LinePause }) {
  const remove = useAction({
    run: () => requestApi(client.pauses[":id"].$delete({ param: { id: pause.id } })),
    invalidates: [keys.pauses(line.id)],
    success: "Pause removed.",
  });
  const days = pause.startsOn === pause.endsOn ? pause.startsOn : `${pause.startsOn} to ${pause.endsOn}`;
  return (
    <li className="card row-item">
      <div>
        <p className="item-title">{days}</p>
        {pause.note ? <p className="hint">{pause.note}</p> : null}
      </div>
      <div className="actions">
        <ConfirmButton
          label="Remove"
          aria-label={`Remove the pause ${days}`}
          question="Remove this pause? Calls go on as planned."
          confirmLabel="Yes, remove"
          busy={remove.isPending}
          busyText="Removing…"
          onConfirm={() => remove.mutate()}
        />
      </div>
    </li>
  );
}
