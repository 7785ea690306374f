import { client, requestApi } from "../../api/client.ts";
import { keys, useMemories } from "../../api/queries.ts";
import type { Line, Memory } from "../../api/types.ts";
import { Button } from "../../ui/button.tsx";
import { ItemList, PanelSection } from "../../ui/panel.tsx";
import { RemoveButton } from "../../ui/remove-button.tsx";

/** What Ultaura remembers that the family may see. Private memories never reach this page, not even as a count. */
export function MemoriesPanel({ line }: { line: Line }) {
  const { data, hasNextPage, fetchNextPage, isFetchingNextPage } = useMemories(line.id);
  const memories = data.pages.flatMap((page) => page.items);
  return (
    <PanelSection id="memories" title="What Ultaura remembers">
      <p className="privacy-note">
        {line.displayName} can ask Ultaura to keep things private; those are never shown here.
      </p>
      <ItemList
        items={memories}
        empty={
          <>
            Nothing to show yet. As {line.displayName} shares things on calls — a grandchild's visit, a
            favourite film — they'll appear here.
          </>
        }
      >
        {(m) => <MemoryRow key={m.id} line={line} memory={m} />}
      </ItemList>
      {hasNextPage && (
        <Button busy={isFetchingNextPage} busyText="Loading…" onClick={() => void fetchNextPage()}>
          Show older memories
        </Button>
      )}
    </PanelSection>
  );
}

function MemoryRow({ line, memory }: { line: Line; memory: Memory }) {
  return (
    <li className="card row-item">
      <div>
        <p className="item-title">{memory.text}</p>
        <p className="hint">
          {memory.kind} · {new Date(memory.createdAt).toLocaleDateString()}
        </p>
      </div>
      <RemoveButton
        verb="delete"
        aria-label={`Delete memory: ${memory.text}`}
        question="Delete this memory for good?"
        run={() => requestApi(client.memories[":id"].$delete({ param: { id: memory.id } }))}
        invalidates={[keys.memories(line.id)]}
        success="Memory deleted. Ultaura won't bring it up again."
      />
    </li>
  );
}
