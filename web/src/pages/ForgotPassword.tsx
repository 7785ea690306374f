import { type FormEvent, useRef, useState } from "react";
import { Link } from "react-router";
import { usePageTitle } from "../lib/title.ts";
import { authClient } from "../platform/auth-client.ts";
import { Button } from "../ui/button.tsx";
import { Field, focusFirstError } from "../ui/field.tsx";
import { authCallbackUrl, CheckInbox } from "./auth-mail.tsx";

/** Asks Supabase Auth to e-mail a password-reset link; says the same whether or not the address has an account. */
export default function ForgotPassword() {
  usePageTitle("Reset your password");
  const formRef = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\S+@\S+\.\S+$/.test(email)) {
      setError("Enter your e-mail address, like name@example.com.");
      requestAnimationFrame(() => focusFirstError(formRef.current));
      return;
    }
    setError(undefined);
    setBusy(true);
    const result = await authClient.resetPasswordForEmail(email, { redirectTo: authCallbackUrl() });
    setBusy(false);
    if (result.error) {
      setFormError(
        /rate limit/i.test(result.error.message)
          ? "Too many requests. Please wait a few minutes and try again."
          : "We couldn't send the e-mail. Please try again.",
      );
      return;
    }
    setSent(true);
  };

  if (sent)
    return (
      <CheckInbox title="Check your inbox" email={email}>
        If it belongs to an Ultaura account, it has a link to choose a new password.
      </CheckInbox>
    );
  return (
    <main className="page page-narrow auth-page" id="main">
      <p className="brand brand-large">Ultaura</p>
      <h1>Reset your password</h1>
      <p className="lead">
        Enter the e-mail you signed up with. We will send you a link to choose a new password.
      </p>
      <form ref={formRef} className="card form" onSubmit={submit} noValidate>
        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
        <Field label="E-mail" error={error}>
          {(props) => (
            <input
              {...props}
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Button type="submit" variant="primary" busy={busy} busyText="Sending…">
          Send the link
        </Button>
      </form>
      <p className="switch-auth">
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </main>
  );
}
