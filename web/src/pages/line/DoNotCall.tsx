import { type FormEvent, useState } from "react";
import { useAction } from "../../api/actions.ts";
import { client, requestApi } from "../../api/client.ts";
import { keys } from "../../api/queries.ts";
import { reenableCallsBody } from "../../api/schemas.ts";
import type { Line } from "../../api/types.ts";
import { useRoleFor } from "../../lib/role.ts";
import { Button } from "../../ui/button.tsx";
import { Field } from "../../ui/field.tsx";

/**
 * The person asked Ultaura to stop calling. Only the owner can turn calls back on, and only by confirming
 * that the person themselves asked for the calls again — recorded with who and why.
 */
export function DoNotCall({ line }: { line: Line }) {
  const role = useRoleFor(line.accountId);
  const [agreed, setAgreed] = useState(false);
  const [note, setNote] = useState("");
  const [error, setError] = useState("");
  const reenable = useAction<{ confirmPersonAgreed: true; note: string }>({
    run: (body) =>
      requestApi(client.lines[":id"]["reenable-calls"].$post({ param: { id: line.id }, json: body })),
    invalidates: [keys.lines, keys.line(line.id)],
    success: `Calls to ${line.displayName} are back on.`,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = reenableCallsBody.safeParse({ confirmPersonAgreed: agreed, note });
    if (!parsed.success) {
      setError(
        agreed
          ? "Add a short note, e.g. “Mum asked for calls again on Sunday.”"
          : `Confirm that ${line.displayName} asked for calls again.`,
      );
      return;
    }
    setError("");
    reenable.mutate({ confirmPersonAgreed: true, note: parsed.data.note });
  };
  return (
    <section className="card notice" aria-labelledby="dnc-title">
      <h2 id="dnc-title">{line.displayName} asked not to be called</h2>
      <p>
        Ultaura won't call {line.displayName} until calls are turned back on. That's their choice, and we
        respect it.
      </p>
      {role === "owner" ? (
        <form className="form" onSubmit={submit} noValidate>
          <label className="radio">
            <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} />
            {line.displayName} has told me they want the calls again.
          </label>
          <Field label="Note (who asked, and when)" error={error || undefined}>
            {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
          <Button type="submit" variant="primary" busy={reenable.isPending} busyText="Turning on…">
            Turn calls back on
          </Button>
        </form>
      ) : (
        <p>Only the account owner can turn calls back on.</p>
      )}
    </section>
  );
}
