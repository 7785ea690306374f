import { useEffect, useRef, useState } from "react";
import { Button } from "./button.tsx";

interface Props {
  /** The button before asking, e.g. "Remove". */
  label: string;
  /** The question, e.g. "Remove Daniel?". */
  question: string;
  confirmLabel: string;
  busy: boolean;
  busyText: string;
  onConfirm: () => void;
  "aria-label"?: string;
}

/** A destructive action asks once, in place, before it runs; focus moves to the question's answer. */
export function ConfirmButton({ label, question, confirmLabel, busy, busyText, onConfirm, ...rest }: Props) {
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) yes.current?.focus();
  }, [asking]);
  if (!asking && !busy)
    return (
      <Button variant="danger" onClick={() => setAsking(true)} aria-label={rest["aria-label"]}>
        {label}
      </Button>
    );
  return (
    <fieldset className="confirm">
      <legend className="confirm-question">{question}</legend>
      <Button
        variant="danger"
        busy={busy}
        busyText={busyText}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
        ref={yes}
      >
        {confirmLabel}
      </Button>
      <Button onClick={() => setAsking(false)} disabled={busy}>
        Keep it
      </Button>
    </fieldset>
  );
}
