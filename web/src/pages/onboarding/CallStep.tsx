import { useCallback, useState } from "react";
import type { Line } from "../../api/types.ts";
import { Button } from "../../ui/button.tsx";
import { TestCall } from "../line/TestCall.tsx";

/** Step 5: "Say hello now" — a real call to the loved one, followed live. */
export function CallStep({ line, onDone }: { line: Line; onDone: () => void }) {
  const [called, setCalled] = useState(false);
  const onEnded = useCallback(() => setCalled(true), []);
  return (
    <>
      <h2 tabIndex={-1}>Say hello now</h2>
      <p>
        Ultaura can call {line.displayName} right now so you both hear how it sounds. It's the same call
        they'll get at the times you chose, and it uses a few minutes.
      </p>
      <TestCall line={line} onEnded={onEnded} />
      {called ? (
        <Button variant="primary" onClick={onDone}>
          Finish setup
        </Button>
      ) : (
        <Button variant="link" onClick={onDone}>
          Skip for now
        </Button>
      )}
    </>
  );
}
