import { type FormEvent, useRef, useState } from "react";
import { Navigate, useNavigate } from "react-router";
import { usePageTitle } from "../lib/title.ts";
import { useAuth } from "../platform/auth.tsx";
import { authClient } from "../platform/auth-client.ts";
import { Button } from "../ui/button.tsx";
import { Field, focusFirstError } from "../ui/field.tsx";

/** Choosing a new password, signed in by the e-mailed recovery link (AuthCallback). */
export default function ResetPassword() {
  usePageTitle("Choose a new password");
  const { session, ready } = useAuth();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  if (!ready)
    return (
      <div className="page-loading" role="status" aria-busy="true">
        <span className="visually-hidden">Loading…</span>
      </div>
    );
  if (!session) return <Navigate to="/forgot-password" replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password.length < 8) {
      setError("Choose a password of at least 8 characters.");
      requestAnimationFrame(() => focusFirstError(formRef.current));
      return;
    }
    setError(undefined);
    setBusy(true);
    const result = await authClient.updateUser({ password });
    setBusy(false);
    if (result.error) {
      setFormError(
        /different from the old/i.test(result.error.message)
          ? "That is your current password. Choose a new one."
          : "We couldn't change your password. Please try again.",
      );
      return;
    }
    navigate("/", { replace: true });
  };

  return (
    <main className="page page-narrow auth-page" id="main">
      <p className="brand brand-large">Ultaura</p>
      <h1>Choose a new password</h1>
      <p className="lead">For {session.user.email}. You will stay signed in.</p>
      <form ref={formRef} className="card form" onSubmit={submit} noValidate>
        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
        <Field label="New password" error={error} hint="At least 8 characters.">
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <Button type="submit" variant="primary" busy={busy} busyText="Saving…">
          Save the new password
        </Button>
      </form>
    </main>
  );
}
