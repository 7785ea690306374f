import { useAction } from "../../api/actions.ts";
import { client, requestApi } from "../../api/client.ts";
import { keys, useMemories } from "../../api/queries.ts";
import type { Line, Memory } from "../../api/types.ts";
import { Button } from "../../ui/button.tsx";
import { ConfirmButton } from "../../ui/confirm.tsx";

/** What Ultaura remembers that the family may see. Private memories never reach this page, not even as a count. */
export function MemoriesPanel({ line }: { line: Line }) {
  const { data, hasNextPage, fetchNextPage, isFetchingNextPage } = useMemories(line.id);
  const memories = data.pages.flatMap((page) => page.items);
  return (
    <section className="stack" aria-labelledby="memories-title">
      <h2 id="memories-title">What Ultaura remembers</h2>
      <p className="privacy-note">
        {line.displayName} can ask Ultaura to keep things private; those are never shown here.
      </p>
      {memories.length === 0 ? (
        <p className="empty card">
          Nothing to show yet. As {line.displayName} shares things on calls — a grandchild's visit, a
          favourite film — they'll appear here.
        </p>
      ) : (
        <ul className="list">
          {memories.map((m) => (
            <MemoryRow key={m.id} line={line} memory={m} />
          ))}
        </ul>
      )}
      {hasNextPage && (
        <Button busy={isFetchingNextPage} busyText="Loading…" onClick={() => void fetchNextPage()}>
          Show older memories
        </Button>
      )}
    </section>
  );
}

function MemoryRow({ line, memory }: { line: Line; memory: Memory }) {
  const remove = useAction({
    run: () => requestApi(client.memories[":id"].$delete({ param: { id: memory.id } })),
    invalidates: [keys.memories(line.id)],
    success: "Memory deleted. Ultaura won't bring it up again.",
  });
  return (
    <li className="card row-item">
      <div>
        <p className="item-title">{memory.text}</p>
        <p className="hint">
          {memory.kind} · {new Date(memory.createdAt).toLocaleDateString()}
        </p>
      </div>
      <ConfirmButton
        label="Delete"
        aria-label={`Delete memory: ${memory.text}`}
        question="Delete this memory for good?"
        confirmLabel="Yes, delete"
        busy={remove.isPending}
        busyText="Deleting…"
        onConfirm={() => remove.mutate()}
      />
    </li>
  );
}
