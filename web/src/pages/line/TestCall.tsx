import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { useAction } from "../../api/actions.ts";
import { ApiError, client, errorMessage, requestApi } from "../../api/client.ts";
import { fetchCall, keys } from "../../api/queries.ts";
import type { Call, Line, TestCallResponse } from "../../api/types.ts";
import { formatDuration } from "../../lib/time.ts";
import { callStatus, isLive } from "../../lib/words.ts";
import { Button } from "../../ui/button.tsx";

const POLL_MS = 1_500;

function liveStatus(call: Call | undefined): string {
  if (!call) return "Calling…";
  const status = callStatus(call);
  return call.status === "completed" && call.durationSeconds
    ? `${status}, ${formatDuration(call.durationSeconds)}`
    : status;
}

/** "Call now": the same call the scheduler places, with its status followed live. */
export function TestCall({ line, onEnded }: { line: Line; onEnded?: () => void }) {
  const [callId, setCallId] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const start = useAction<{ ignoreQuietHours: boolean }, TestCallResponse>({
    run: (body) => requestApi(client.lines[":id"]["test-call"].$post({ param: { id: line.id }, json: body })),
    toastErrors: false,
    invalidates: [keys.calls(line.id), keys.calls()],
    onSuccess: (r) => {
      setError(null);
      setCallId(r.callSessionId);
    },
  });
  const live = useQuery({
    queryKey: keys.call(callId ?? "none"),
    queryFn: () => fetchCall(callId as string),
    enabled: !!callId,
    refetchInterval: (query) => (query.state.data && !isLive(query.state.data) ? false : POLL_MS),
  });
  const ended = !!live.data && !isLive(live.data);
  useEffect(() => {
    if (ended) onEnded?.();
  }, [ended, onEnded]);
  const quietHours = error instanceof ApiError && error.code === "quiet_hours";
  const run = (ignoreQuietHours: boolean) =>
    start.mutate({ ignoreQuietHours }, { onError: (e) => setError(e) });

  return (
    <div className="test-call">
      <div className="actions">
        <Button
          variant="primary"
          onClick={() => run(false)}
          busy={start.isPending || (!!callId && !ended)}
          busyText={start.isPending ? "Starting…" : liveStatus(live.data)}
        >
          {callId ? `Call ${line.displayName} again` : `Call ${line.displayName} now`}
        </Button>
        {quietHours ? (
          <Button variant="secondary" onClick={() => run(true)}>
            Call anyway
          </Button>
        ) : null}
      </div>
      <p className="call-status" role="status" aria-live="polite" data-testid="call-status">
        {callId ? liveStatus(live.data) : ""}
      </p>
      {live.error ? <p className="form-error">{errorMessage(live.error)}</p> : null}
      {error ? (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      {callId ? (
        <p>
          <Link to={`/activity?lineId=${line.id}`}>See this call in activity</Link>
        </p>
      ) : null}
    </div>
  );
}
