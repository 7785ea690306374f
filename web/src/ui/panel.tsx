import type { ReactNode } from "react";
import { Button } from "./button.tsx";

interface PanelSectionProps {
  /** The heading is `${id}-title`, and it names the section. */
  id: string;
  title: string;
  hint?: ReactNode;
  children: ReactNode;
}

/** One panel of a page: a section named by its heading, with a hint under the heading. */
export function PanelSection({ id, title, hint, children }: PanelSectionProps) {
  return (
    <section className="stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {hint ? <p className="hint">{hint}</p> : null}
      {children}
    </section>
  );
}

interface ItemListProps<T> {
  items: readonly T[];
  /** What a card says when there is nothing to list. */
  empty: ReactNode;
  /** One keyed row an item. */
  children: (item: T) => ReactNode;
  "aria-label"?: string;
  "data-testid"?: string;
}

/** A panel's items as a list of cards, or one card saying there are none yet. */
export function ItemList<T>({ items, empty, children, ...rest }: ItemListProps<T>) {
  if (items.length === 0) return <p className="empty card">{empty}</p>;
  return (
    <ul className="list" {...rest}>
      {items.map((item) => children(item))}
    </ul>
  );
}

interface ItemActionsProps {
  /** The item as the buttons' accessible names say it: "Change <name>". */
  name: string;
  onChange: () => void;
  /** A switch such as Pause / Resume: its word as it stands now, and what it does. */
  toggle?: { word: string; busy: boolean; onToggle: () => void };
  /** The removal, last. */
  children: ReactNode;
}

/** A row's buttons: change it, switch it (when it has a switch), remove it. */
export function ItemActions({ name, onChange, toggle, children }: ItemActionsProps) {
  return (
    <div className="actions">
      <Button onClick={onChange} aria-label={`Change ${name}`}>
        Change
      </Button>
      {toggle ? (
        <Button onClick={toggle.onToggle} busy={toggle.busy} aria-label={`${toggle.word} ${name}`}>
          {toggle.word}
        </Button>
      ) : null}
      {children}
    </div>
  );
}
