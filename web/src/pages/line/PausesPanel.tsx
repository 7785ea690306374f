import { type FormEvent, useState } from "react";
import { useAction } from "../../api/actions.ts";
import { client, requestApi } from "../../api/client.ts";
import { keys, usePauses } from "../../api/queries.ts";
import type { Line, LinePause } from "../../api/types.ts";
import { Field } from "../../ui/field.tsx";
import { SubmitButton } from "../../ui/form-actions.tsx";
import { ItemList, PanelSection } from "../../ui/panel.tsx";
import { RemoveButton } from "../../ui/remove-button.tsx";

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
    <PanelSection
      id="pauses"
      title="Planned pauses"
      hint={
        <>
          Away for a while? On these days (in {line.displayName}'s time zone) Ultaura does not call and nobody
          is told about missed calls. Calls start again by themselves the day after.
        </>
      }
    >
      <ItemList items={data.items} empty="No pauses planned.">
        {(pause) => <PauseRow key={pause.id} line={line} pause={pause} />}
      </ItemList>
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
        <SubmitButton busy={create.isPending}>Plan a pause</SubmitButton>
      </form>
    </PanelSection>
  );
}

function PauseRow({ line, pause }: { line: Line; pause: LinePause }) {
  const days = pause.startsOn === pause.endsOn ? pause.startsOn : `${pause.startsOn} to ${pause.endsOn}`;
  return (
    <li className="card row-item">
      <div>
        <p className="item-title">{days}</p>
        {pause.note ? <p className="hint">{pause.note}</p> : null}
      </div>
      <div className="actions">
        <RemoveButton
          aria-label={`Remove the pause ${days}`}
          question="Remove this pause? Calls go on as planned."
          run={() => requestApi(client.pauses[":id"].$delete({ param: { id: pause.id } }))}
          invalidates={[keys.pauses(line.id)]}
          success="Pause removed."
        />
      </div>
    </li>
  );
}
