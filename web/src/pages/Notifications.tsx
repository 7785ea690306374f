import { type FormEvent, useState } from "react";
import { useAction } from "../api/actions.ts";
import { client, requestApi } from "../api/client.ts";
import { keys, useMemberAlerts, useNotificationSettings } from "../api/queries.ts";
import type { MemberAlert, NoticeKind, NotificationSettings } from "../api/types.ts";
import { formatDayTime, timeZoneOptions, viewerTimeZone } from "../lib/time.ts";
import { usePageTitle } from "../lib/title.ts";
import { ALERT_SMS, formatPhone, NOTICE_KINDS } from "../lib/words.ts";
import { Section } from "../ui/boundary.tsx";
import { Button } from "../ui/button.tsx";
import { Field } from "../ui/field.tsx";
import { Skeleton } from "../ui/skeleton.tsx";

/** The signed-in member's own notices: what reaches them, by text and here, and what has. */
export default function NotificationsPage() {
  usePageTitle("Notifications");
  return (
    <>
      <h1>Notifications</h1>
      <Section title="What reaches you" fallback={<Skeleton lines={6} />}>
        <Settings />
      </Section>
      <Section title="Your alerts" fallback={<Skeleton lines={4} />}>
        <AlertList />
      </Section>
    </>
  );
}

function Settings() {
  const { data } = useNotificationSettings();
  const save = useAction<
    Partial<{ phone: string | null; language: "en" | "es"; timezone: string | null; kinds: NoticeKind[] }>,
    NotificationSettings
  >({
    run: (json) => requestApi(client.me.notifications.$patch({ json })),
    invalidates: [keys.notificationSettings],
    success: "Saved.",
  });
  return (
    <section className="stack card" aria-labelledby="notify-title">
      <h2 id="notify-title">What reaches you</h2>
      <fieldset className="choice">
        <legend>Tell me about</legend>
        {NOTICE_KINDS.map((kind) => (
          <label key={kind.value} className="radio">
            <input
              type="checkbox"
              checked={data.kinds.includes(kind.value)}
              disabled={save.isPending}
              onChange={(e) =>
                save.mutate({
                  kinds: e.target.checked
                    ? [...data.kinds, kind.value]
                    : data.kinds.filter((k) => k !== kind.value),
                })
              }
            />
            <span>
              {kind.label}
              <span className="hint block">{kind.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Field label="Language of your texts">
        {(p) => (
          <select
            {...p}
            value={data.language}
            onChange={(e) => save.mutate({ language: e.target.value === "es" ? "es" : "en" })}
          >
            <option value="en">English</option>
            <option value="es">Español</option>
          </select>
        )}
      </Field>
      <Field label="Your time zone" hint="The account owner's decides when the weekly summary arrives.">
        {(p) => (
          <select
            {...p}
            value={data.timezone ?? ""}
            onChange={(e) => save.mutate({ timezone: e.target.value || null })}
          >
            <option value="">Same as the first line's</option>
            {timeZoneOptions(data.timezone ?? undefined).map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        )}
      </Field>
      <PhoneForm settings={data} />
      <p className="hint">
        Every notice you chose is also shown below. Texts go only to a verified phone; reply STOP to a text to
        stop that kind, START to get them again.
      </p>
    </section>
  );
}

function PhoneForm({ settings }: { settings: NotificationSettings }) {
  const [phone, setPhone] = useState(settings.phone ?? "");
  const [code, setCode] = useState("");
  const [codeSent, setCodeSent] = useState(false);
  const invalidates = [keys.notificationSettings];
  const save = useAction<string | null, NotificationSettings>({
    run: (value) => requestApi(client.me.notifications.$patch({ json: { phone: value } })),
    invalidates,
    success: (s) => (s.phone ? "Phone saved. Send yourself a code to verify it." : "Phone removed."),
    onSuccess: () => setCodeSent(false),
  });
  const send = useAction({
    run: () => requestApi(client.me.notifications.verify.send.$post({ json: { channel: "sms" } })),
    success: "Code sent by text.",
    onSuccess: () => setCodeSent(true),
  });
  const check = useAction<string, NotificationSettings>({
    run: (value) => requestApi(client.me.notifications.verify.check.$post({ json: { code: value } })),
    invalidates,
    success: "Your phone is verified.",
    onSuccess: () => setCode(""),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(phone.trim() || null);
  };
  return (
    <div className="stack">
      <form className="form" onSubmit={submit} noValidate>
        <Field
          label="Phone for texts"
          hint={
            settings.phone
              ? `${formatPhone(settings.phone)} — ${settings.phoneVerified ? "verified" : "not verified yet"}`
              : "No phone yet: notices are shown here only."
          }
        >
          {(p) => (
            <input
              {...p}
              type="tel"
              autoComplete="tel"
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
            />
          )}
        </Field>
        <div className="actions">
          <Button type="submit" variant="primary" busy={save.isPending} busyText="Saving…">
            Save phone
          </Button>
          {settings.phone && !settings.phoneVerified ? (
            <Button onClick={() => send.mutate()} busy={send.isPending} busyText="Sending…">
              Text me a code
            </Button>
          ) : null}
        </div>
      </form>
      {settings.phone && !settings.phoneVerified && codeSent ? (
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            check.mutate(code.trim());
          }}
        >
          <Field label="Code from the text">
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                autoComplete="one-time-code"
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
            )}
          </Field>
          <Button type="submit" variant="primary" busy={check.isPending} busyText="Checking…">
            Verify phone
          </Button>
        </form>
      ) : null}
    </div>
  );
}

function AlertList() {
  const { data } = useMemberAlerts();
  return (
    <section className="stack" aria-labelledby="member-alerts-title">
      <h2 id="member-alerts-title">Your alerts{data.unread > 0 ? ` (${data.unread} new)` : ""}</h2>
      {data.items.length === 0 ? (
        <p className="empty card">Nothing yet. Notices you chose above will appear here.</p>
      ) : (
        <ul className="list">
          {data.items.map((alert) => (
            <AlertItem key={alert.id} alert={alert} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AlertItem({ alert }: { alert: MemberAlert }) {
  const read = useAction({
    run: () => requestApi(client.me.alerts[":id"].read.$post({ param: { id: alert.id } })),
    invalidates: [keys.memberAlerts],
  });
  return (
    <li className="card row-item">
      <div>
        <p className={alert.readAt ? "" : "item-title"}>{alert.body}</p>
        <p className="hint">
          {formatDayTime(alert.createdAt, viewerTimeZone())} · {ALERT_SMS[alert.sms] ?? alert.sms}
        </p>
      </div>
      {alert.readAt ? null : (
        <div className="actions">
          <Button onClick={() => read.mutate()} busy={read.isPending} busyText="Saving…">
            Mark read
          </Button>
        </div>
      )}
    </li>
  );
}
