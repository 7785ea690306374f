import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { useAction } from "../api/actions.ts";
import { client, errorMessage, requestApi } from "../api/client.ts";
import { keys, useAccount, useMe, useMembers } from "../api/queries.ts";
import { inviteBody } from "../api/schemas.ts";
import type { AccountExport, ClosedAccount, Invite } from "../api/types.ts";
import { downloadJson } from "../lib/download.ts";
import { usePageTitle } from "../lib/title.ts";
import { Section } from "../ui/boundary.tsx";
import { Button } from "../ui/button.tsx";
import { Field } from "../ui/field.tsx";
import { Skeleton } from "../ui/skeleton.tsx";

export default function AccountPage() {
  usePageTitle("Account");
  const [closed, setClosed] = useState<ClosedAccount | null>(null);
  if (closed) return <AccountClosed closed={closed} />;
  return (
    <>
      <h1>Account</h1>
      <p>
        <Link to="/notifications">Your notifications and texts</Link>: missed calls, safety, the weekly
        summary.
      </p>
      <Section title="Your account" fallback={<Skeleton lines={3} />}>
        <AccountSummary />
      </Section>
      <Section title="Who shares this account" fallback={<Skeleton lines={3} />}>
        <MemberList />
      </Section>
      <Section title="Family members" fallback={<Skeleton lines={3} />}>
        <Members />
      </Section>
      <Section title="Your family's data" fallback={<Skeleton lines={3} />}>
        <OwnerDataActions onClosed={setClosed} />
      </Section>
    </>
  );
}

function OwnerDataActions({ onClosed }: { onClosed: (closed: ClosedAccount) => void }) {
  const { data: account } = useAccount();
  if (account.role !== "owner")
    return (
      <section className="card stack" aria-labelledby="data-title">
        <h2 id="data-title">Your family's data</h2>
        <p className="hint">Only the account owner can download the account's data or close the account.</p>
      </section>
    );
  return (
    <>
      <DownloadData />
      <CloseAccount onClosed={onClosed} />
    </>
  );
}

function DownloadData() {
  const download = useAction<void, AccountExport>({
    run: () => requestApi(client.account.export.$get({ query: {} })),
    success: "Your family's data is downloading.",
    onSuccess: (data) => downloadJson(data, `ultaura-data-${data.exportedAt.slice(0, 10)}.json`),
  });
  return (
    <section className="card stack" aria-labelledby="data-title">
      <h2 id="data-title">Your family's data</h2>
      <p>
        Download a copy of everything your family can see here: the account, who shares it, the people Ultaura
        calls, their call times, calls and minutes, alerts, memories and consents, in one file. Health notes,
        and anything your loved ones asked Ultaura to keep private, are never included.
      </p>
      <Button
        variant="primary"
        busy={download.isPending}
        busyText="Preparing…"
        onClick={() => download.mutate()}
      >
        Download our data
      </Button>
    </section>
  );
}

const CONFIRM_WORD = "DELETE";

function CloseAccount({ onClosed }: { onClosed: (closed: ClosedAccount) => void }) {
  const [typed, setTyped] = useState("");
  const [error, setError] = useState("");
  const close = useAction<string, ClosedAccount>({
    run: (confirm) => requestApi(client.account.$delete({ query: {}, json: { confirm } })),
    toastErrors: false,
    onSuccess: onClosed,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (typed !== CONFIRM_WORD) {
      setError(`Type ${CONFIRM_WORD} in capital letters to close the account.`);
      (event.currentTarget as HTMLFormElement).querySelector("input")?.focus();
      return;
    }
    setError("");
    close.mutate(typed);
  };
  const shown = error || (close.error ? errorMessage(close.error) : "");
  return (
    <section className="card stack" aria-labelledby="close-title">
      <h2 id="close-title">Close the account</h2>
      <p>
        Closing the account stops every call, cancels your plan and deletes the people Ultaura calls, their
        calls, memories and settings, for everyone who shares this account. This cannot be undone. Download
        your data first if you want a copy.
      </p>
      <p className="hint">
        We keep only what the law and billing need: records of consent and of requests to stop calling, by
        phone number, and the total minutes billed.
      </p>
      <form className="form" onSubmit={submit} noValidate>
        <Field label={`Type ${CONFIRM_WORD} to confirm`} error={shown || undefined}>
          {(p) => (
            <input
              {...p}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
            />
          )}
        </Field>
        <Button type="submit" variant="danger" busy={close.isPending} busyText="Closing the account…">
          Close the account
        </Button>
      </form>
    </section>
  );
}

function AccountClosed({ closed }: { closed: ClosedAccount }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const { consents, optOuts, ledgerTotals } = closed.kept;
  return (
    <section className="card stack" aria-labelledby="closed-title">
      <h1 id="closed-title" ref={heading} tabIndex={-1}>
        Your account is closed
      </h1>
      <p role="status">
        {closed.subscriptionsCancelled.length > 0 ? "We cancelled your plan and deleted" : "We deleted"} your
        family's data. No more calls will be made.
      </p>
      <p>
        We kept {consents} {consents === 1 ? "record" : "records"} of consent, {optOuts}{" "}
        {optOuts === 1 ? "request" : "requests"} to stop calling, and the total minutes billed (
        {ledgerTotals.billableMinutes} {ledgerTotals.billableMinutes === 1 ? "minute" : "minutes"} over{" "}
        {ledgerTotals.calls} {ledgerTotals.calls === 1 ? "call" : "calls"}), as the law and billing require.
      </p>
      <p>You can sign out now. If you ever want Ultaura again, sign in and start a new account.</p>
    </section>
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
