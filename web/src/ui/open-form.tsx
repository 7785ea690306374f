import { type ReactNode, useState } from "react";
import { type ActionOptions, useAction } from "../api/actions.ts";
import { Button } from "./button.tsx";

/**
 * A form shown on demand — adding an item, or changing one in place — that closes once its action worked.
 * `form` is what the form itself takes: its progress, its submit and its cancel.
 */
export function useOpenForm<TInput, TResult>(options: Omit<ActionOptions<TInput, TResult>, "onSuccess">) {
  const [open, setOpen] = useState(false);
  const action = useAction<TInput, TResult>({ ...options, onSuccess: () => setOpen(false) });
  return {
    open,
    show: () => setOpen(true),
    action,
    form: {
      busy: action.isPending,
      onSubmit: (input: TInput) => action.mutate(input),
      onCancel: () => setOpen(false),
    },
  };
}

interface AddCardProps {
  adding: { open: boolean; show: () => void };
  /** The card's heading while the form is open, e.g. "New reminder". */
  title: string;
  /** The button that opens it, e.g. "Add a reminder". */
  opener: string;
  /** The form. */
  children: ReactNode;
}

/** Adding an item: a button, which becomes a card holding the form until it is saved or cancelled. */
export function AddCard({ adding, title, opener, children }: AddCardProps) {
  if (!adding.open)
    return (
      <Button variant="primary" onClick={adding.show}>
        {opener}
      </Button>
    );
  return (
    <div className="card">
      <h3>{title}</h3>
      {children}
    </div>
  );
}
