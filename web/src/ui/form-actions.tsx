import type { ReactNode } from "react";
import { Button } from "./button.tsx";

/** A form's main button, which shows "Saving…" while its action runs. */
export function SubmitButton({ busy, children }: { busy: boolean; children: ReactNode }) {
  return (
    <Button type="submit" variant="primary" busy={busy} busyText="Saving…">
      {children}
    </Button>
  );
}

interface FormActionsProps {
  submitLabel: string;
  busy: boolean;
  /** Given where the form can be closed without saving. */
  onCancel?: (() => void) | undefined;
}

/** The end of an add or change form: save, and cancel where there is somewhere to go back to. */
export function FormActions({ submitLabel, busy, onCancel }: FormActionsProps) {
  return (
    <div className="actions">
      <SubmitButton busy={busy}>{submitLabel}</SubmitButton>
      {onCancel ? <Button onClick={onCancel}>Cancel</Button> : null}
    </div>
  );
}
