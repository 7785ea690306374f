import { type FormEvent, useEffect, useRef, useState } from "react";
import { useAction } from "../../api/actions.ts";
import { ApiError, client, errorMessage, requestApi } from "../../api/client.ts";
import { keys } from "../../api/queries.ts";
import { verifyCheckBody } from "../../api/schemas.ts";
import type { Line, VerifyCheckResponse, VerifySendResponse } from "../../api/types.ts";
import { useCountdown } from "../../lib/countdown.ts";
import { formatPhone, possessive } from "../../lib/words.ts";
import { Button } from "../../ui/button.tsx";
import { Field } from "../../ui/field.tsx";

const RESEND_AFTER_S = 30;
type Channel = "sms" | "call";

/** Step 3: a code by text or voice call, typed back here; resend after a countdown; plain errors. */
export function VerifyStep({ line, onDone, onBack }: { line: Line; onDone: () => void; onBack: () => void }) {
  const [channel, setChannel] = useState<Channel>("sms");
  const [sentTo, setSentTo] = useState<{ channel: Channel; to: string } | null>(null);
  const [resendAt, setResendAt] = useState<number | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState("");
  const codeRef = useRef<HTMLInputElement>(null);
  const wait = useCountdown(resendAt);
  const name = line.displayName;

  const send = useAction<Channel, VerifySendResponse>({
    run: (ch) =>
      requestApi(client.lines[":id"].verify.send.$post({ param: { id: line.id }, json: { channel: ch } })),
    toastErrors: false,
    success: (r) =>
      r.channel === "call"
        ? `Calling ${formatPhone(r.to)} with the code.`
        : `Code sent to ${formatPhone(r.to)}.`,
    onSuccess: (r) => {
      setSentTo({ channel: r.channel, to: r.to });
      setResendAt(Date.now() + RESEND_AFTER_S * 1_000);
      setError("");
    },
  });
  // After each send, once the code field is on the page (an effect runs after React commits it; a frame
  // callback could run before and find no field).
  useEffect(() => {
    if (sentTo) codeRef.current?.focus();
  }, [sentTo]);
  const check = useAction<string, VerifyCheckResponse>({
    // This step is reached only through the consent step (AgreeStep), where the family member confirmed it.
    run: (c) =>
      requestApi(
        client.lines[":id"].verify.check.$post({
          param: { id: line.id },
          json: { code: c, consentAttested: true },
        }),
      ),
    invalidates: [keys.lines, keys.line(line.id)],
    toastErrors: false,
    success: `${possessive(name)} phone is verified.`,
    onSuccess: onDone,
  });

  const sendCode = () =>
    send.mutate(channel, {
      onError: (e) => {
        const retry = e instanceof ApiError && e.retryAfterSeconds ? e.retryAfterSeconds : null;
        if (retry) setResendAt(Date.now() + retry * 1_000);
        setError(errorMessage(e));
      },
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = verifyCheckBody.safeParse({ code, consentAttested: true });
    if (!parsed.success) {
      setError("Enter the code exactly as it was sent — digits only.");
      codeRef.current?.focus();
      return;
    }
    check.mutate(parsed.data.code, {
      onError: (e) => {
        setError(errorMessage(e));
        codeRef.current?.focus();
      },
    });
  };

  return (
    <div className="form">
      <h2 tabIndex={-1}>Verify {possessive(name)} phone</h2>
      <p>
        We'll send a short code to <strong>{formatPhone(line.phone)}</strong>. Ask {name} to read it to you,
        then type it below. This makes sure Ultaura calls the right person.
      </p>
      <fieldset className="choice">
        <legend>How should we send the code?</legend>
        <label className="radio">
          <input
            type="radio"
            name="channel"
            value="sms"
            checked={channel === "sms"}
            onChange={() => setChannel("sms")}
          />
          By text message
        </label>
        <label className="radio">
          <input
            type="radio"
            name="channel"
            value="call"
            checked={channel === "call"}
            onChange={() => setChannel("call")}
          />
          By a voice call that reads the code aloud
        </label>
        <p className="hint">If {name} can't read texts easily, choose the voice call.</p>
      </fieldset>
      <div className="actions">
        <Button
          variant={sentTo ? "secondary" : "primary"}
          onClick={sendCode}
          busy={send.isPending}
          busyText="Sending…"
          disabled={wait > 0}
        >
          {sentTo ? "Send a new code" : "Send the code"}
        </Button>
        {wait > 0 ? (
          <p className="hint" aria-live="polite">
            You can ask for a new code in {wait} s.
          </p>
        ) : null}
      </div>
      {error && !sentTo ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {sentTo ? (
        <form onSubmit={submit} noValidate className="form">
          <p>
            {sentTo.channel === "call" ? "We're calling" : "We texted"} {formatPhone(sentTo.to)}. The code
            works for 10 minutes.
          </p>
          <Field label="The code" error={error || undefined} hint="Usually 6 digits.">
            {(p) => (
              <input
                {...p}
                ref={codeRef}
                inputMode="numeric"
                autoComplete="one-time-code"
                value={code}
                onChange={(e) => setCode(e.target.value.replace(/\s/g, ""))}
              />
            )}
          </Field>
          <Button type="submit" variant="primary" busy={check.isPending} busyText="Checking…">
            Verify
          </Button>
        </form>
      ) : null}
      <Button variant="link" onClick={onBack}>
        Back
      </Button>
    </div>
  );
}
