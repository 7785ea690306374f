import { useAction } from "../../api/actions.ts";
import { client, requestApi } from "../../api/client.ts";
import { keys } from "../../api/queries.ts";
import type { Line, Schedule, ScheduleInput } from "../../api/types.ts";
import { formatLocalTime } from "../../lib/time.ts";
import { ScheduleForm } from "../line/ScheduleForm.tsx";

/** Step 4: "When should Ultaura call?" — quiet hours were set to 21:00–08:00 when the line was added. */
export function ScheduleStep({ line, onDone }: { line: Line; onDone: () => void }) {
  const create = useAction<ScheduleInput, Schedule>({
    run: (body) => requestApi(client.lines[":id"].schedules.$post({ param: { id: line.id }, json: body })),
    invalidates: [keys.schedules(line.id)],
    success: "Call times saved.",
    onSuccess: onDone,
  });
  return (
    <>
      <h2 tabIndex={-1}>When should Ultaura call {line.displayName}?</h2>
      <p>Pick the days and a time. Many families start with a daily call mid-morning.</p>
      <ScheduleForm
        line={line}
        submitLabel="Save call times"
        busy={create.isPending}
        onSubmit={(b) => create.mutate(b)}
      />
      {line.quietHours ? (
        <p className="hint">
          Quiet hours: no calls between {formatLocalTime(line.quietHours.start)} and{" "}
          {formatLocalTime(line.quietHours.end)}. You can change this later in {line.displayName}'s settings.
        </p>
      ) : null}
    </>
  );
}
