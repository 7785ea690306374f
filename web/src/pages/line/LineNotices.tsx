import { useLineNotices, useMembers } from "../../api/queries.ts";
import type { Line, LineNotice } from "../../api/types.ts";
import { formatDayTime } from "../../lib/time.ts";
import { formatPhone } from "../../lib/words.ts";

/**
 * Tells every member that the line's number was changed, by whom, from and to (issue 21): a number change
 * repoints every call, so nobody in the family should learn of it by accident.
 */
export function LineNotices({ line }: { line: Line }) {
  const { data } = useLineNotices(line.id);
  if (data.items.length === 0) return null;
  return <NoticeList line={line} notices={data.items} />;
}

/** The members are read only when there is a change to name its author. */
function NoticeList({ line, notices }: { line: Line; notices: LineNotice[] }) {
  const { data: members } = useMembers();
  const who = (userId: string | null) =>
    members.items.find((m) => m.userId === userId)?.email ?? "a family member";
  return (
    <section className="card stack" aria-labelledby="line-notices-title" data-testid="line-notices">
      <h2 id="line-notices-title">Changes to {line.displayName}'s number</h2>
      <ul className="list-plain">
        {notices.map((n) => (
          <li key={n.id}>
            {formatDayTime(n.createdAt, line.timezone)}: {who(n.changedByUserId)} changed the number
            {n.oldPhone ? ` from ${formatPhone(n.oldPhone)}` : ""}
            {n.newPhone ? ` to ${formatPhone(n.newPhone)}` : ""}.
          </li>
        ))}
      </ul>
    </section>
  );
}
