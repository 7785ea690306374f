import { type FormEvent, useState } from "react";
import { useAction } from "../api/actions.ts";
import { client, requestApi } from "../api/client.ts";
import { keys, useAccount, useMe, useMembers } from "../api/queries.ts";
import { inviteBody } from "../api/schemas.ts";
import type { Invite } from "../api/types.ts";
import { usePageTitle } from "../lib/title.ts";
import { Section } from "../ui/boundary.tsx";
import { Button } from "../ui/button.tsx";
import { Field } from "../ui/field.tsx";
import { Skeleton } from "../ui/skeleton.tsx";

export default function AccountPage() {
  usePageTitle("Account");
  return (
    <>
      <h1>Account</h1>
      <Section title="Your account" fallback={<Skeleton lines={3} />}>
        <AccountSummary />
      </Section>
      <Section title="Who shares this account" fallback={<Skeleton lines={3} />}>
        <MemberList />
      </Section>
      <Section title="Family members" fallback={<Skeleton lines={3} />}>
        <Members />
      </Section>
    </>
  );
}

function AccountSummary() {
  const { data: me } = useMe();
  const { data: account } = useAccount();
  return (
    <section className="card" aria-labelledby="acct-title">
      <h2 id="acct-title">{account.name}</h2>
      <p>
        Signed in as <strong>{me.user.email}</strong> · {account.role === "owner" ? "Owner" : "Family member"}
      </p>
    </section>
  );
}

const dateOf = (iso: string) => new Date(iso).toLocaleDateString("en-US", { dateStyle: "medium" });

function MemberList() {
  const { data } = useMembers();
  const { data: me } = useMe();
  const { data: account } = useAccount();
  const owner = account.role === "owner";
  const removeMember = useAction<{ userId: string; email: string | null }>({
    run: ({ userId }) =>
      requestApi(client.account.members[":userId"].$delete({ param: { userId }, query: {} })),
    success: "Removed from the account.",
    invalidates: [keys.members],
  });
  const withdraw = useAction<string>({
    run: (id) => requestApi(client.account.invites[":id"].$delete({ param: { id }, query: {} })),
    success: "Invitation withdrawn.",
    invalidates: [keys.members],
  });
  return (
    <section className="card stack" aria-labelledby="member-list-title">
      <h2 id="member-list-title">Who shares this account</h2>
      <ul className="list-plain" aria-label="Members" data-testid="member-list">
        {data.items.map((m) => (
          <li key={m.userId}>
            <strong>{m.email ?? "(no e-mail address)"}</strong> ·{" "}
            {m.role === "owner" ? "Owner" : "Family member"}{" "}
            <span className="hint">since {dateOf(m.joinedAt)}</span>
            {owner && m.userId !== me.user.id ? (
              <>
                {" "}
                <Button
                  variant="danger"
                  busy={removeMember.isPending && removeMember.variables?.userId === m.userId}
                  busyText="Removing…"
                  onClick={() => {
                    if (window.confirm(`Remove ${m.email ?? "this family member"} from the account?`))
                      removeMember.mutate({ userId: m.userId, email: m.email });
                  }}
                >
                  Remove
                </Button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {data.invites.length > 0 ? (
        <>
          <h3>Invitations not yet accepted</h3>
          <ul className="list-plain" aria-label="Pending invitations" data-testid="pending-invites">
            {data.invites.map((i) => (
              <li key={i.id}>
                {i.email}{" "}
                <span className="hint">
                  · invited {dateOf(i.createdAt)}, expires {dateOf(i.expiresAt)}
                </span>{" "}
                <Button
                  variant="secondary"
                  busy={withdraw.isPending && withdraw.variables === i.id}
                  busyText="Withdrawing…"
                  onClick={() => withdraw.mutate(i.id)}
                >
                  Withdraw
                </Button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Members() {
  const { data: account } = useAccount();
  const [email, setEmail] = useState("");
  const [error, setError] = useState("");
  const [sent, setSent] = useState<Invite | null>(null);
  const invite = useAction<string, Invite>({
    run: (address) => requestApi(client.account.invites.$post({ query: {}, json: { email: address } })),
    success: (i) => `Invitation ready for ${i.email}.`,
    invalidates: [keys.members],
    onSuccess: (i) => {
      setSent(i);
      setEmail("");
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!inviteBody.safeParse({ email }).success) {
      setError("Enter their e-mail address, like name@example.com.");
      (event.currentTarget as HTMLFormElement).querySelector("input")?.focus();
      return;
    }
    setError("");
    invite.mutate(email);
  };
  return (
    <section className="card stack" aria-labelledby="members-title">
      <h2 id="members-title">Share the care</h2>
      <p>
        Invite a sibling or partner. Family members see everything and can change call times and settings;
        only you manage billing and members.
      </p>
      {account.role === "owner" ? (
        <form className="form" onSubmit={submit} noValidate>
          <Field label="Their e-mail" error={error || undefined}>
            {(p) => <input {...p} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
          </Field>
          <Button type="submit" variant="primary" busy={invite.isPending} busyText="Inviting…">
            Invite
          </Button>
        </form>
      ) : (
        <p className="hint">Only the account owner can invite people.</p>
      )}
      {sent?.token ? (
        <p className="banner">
          Send this invitation link to {sent.email}:{" "}
          <code
            className="break"
            data-testid="invite-link"
          >{`${window.location.origin}/invite/${sent.token}`}</code>
        </p>
      ) : null}
    </section>
  );
}
