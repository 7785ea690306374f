import type { QueryKey } from "@tanstack/react-query";
import { useAction } from "../api/actions.ts";
import { ConfirmButton } from "./confirm.tsx";

const WORDS = {
  remove: { label: "Remove", confirmLabel: "Yes, remove", busyText: "Removing…" },
  delete: { label: "Delete", confirmLabel: "Yes, delete", busyText: "Deleting…" },
} as const;

interface Props {
  /** The button's accessible name, naming the item, e.g. "Remove Daniel". */
  "aria-label": string;
  /** The question, e.g. "Remove Daniel?". */
  question: string;
  run: () => Promise<unknown>;
  invalidates: QueryKey[];
  /** The toast once it is gone. */
  success: string;
  /** "Delete" where the thing is gone for good (a memory); "Remove" otherwise. */
  verb?: keyof typeof WORDS;
}

/** Removing one item of a list: asked once in place, then run with the list's data refreshed and a toast. */
export function RemoveButton({ run, invalidates, success, verb = "remove", ...ask }: Props) {
  const remove = useAction({ run, invalidates, success });
  return (
    <ConfirmButton {...WORDS[verb]} {...ask} busy={remove.isPending} onConfirm={() => remove.mutate()} />
  );
}
