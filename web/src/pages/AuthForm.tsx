import { type AuthError, isAuthRetryableFetchError } from "@supabase/auth-js";
import { type FormEvent, useRef, useState } from "react";
import { Link, Navigate, useLocation, useNavigate } from "react-router";
import { usePageTitle } from "../lib/title.ts";
import { useAuth } from "../platform/auth.tsx";
import { authClient } from "../platform/auth-client.ts";
import { Button } from "../ui/button.tsx";
import { Field, focusFirstError } from "../ui/field.tsx";
import { authCallbackUrl, CheckInbox } from "./auth-mail.tsx";

interface Props {
  mode: "sign-in" | "sign-up";
}

/** Sign in and sign up share one form; Supabase Auth (or the local gateway) does the work. */
export function AuthForm({ mode }: Props) {
  const { session } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const formRef = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<{ email?: string; password?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  /** Set when sign-up needs the e-mailed confirmation first (Supabase's "Confirm email" is on). */
  const [confirmationSentTo, setConfirmationSentTo] = useState<string | null>(null);
  const from = (location.state as { from?: string } | null)?.from;
  const signUp = mode === "sign-up";
  usePageTitle(signUp ? "Create your account" : "Sign in");

  // An invitation link (or any page) that sent the visitor here wins over the default next page.
  const destination = from ?? (signUp ? "/welcome" : "/");
  if (session) return <Navigate to={destination} replace />;
  if (confirmationSentTo)
    return (
      <CheckInbox title="Check your inbox" email={confirmationSentTo}>
        Open the link in it to confirm your address and finish creating your account.
      </CheckInbox>
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!/^\S+@\S+\.\S+$/.test(email)) next.email = "Enter your e-mail address, like name@example.com.";
    if (password.length < (signUp ? 8 : 1))
      next.password = signUp ? "Choose a password of at least 8 characters." : "Enter your password.";
    setErrors(next);
    if (Object.keys(next).length > 0) {
      requestAnimationFrame(() => focusFirstError(formRef.current));
      return;
    }
    setBusy(true);
    const { data, error } = signUp
      ? await authClient.signUp({ email, password, options: { emailRedirectTo: authCallbackUrl() } })
      : await authClient.signInWithPassword({ email, password });
    setBusy(false);
    if (error) {
      setErrors({ form: plainAuthError(error, signUp) });
      return;
    }
    if (!data.session) {
      setConfirmationSentTo(email);
      return;
    }
    navigate(destination, { replace: true });
  };

  return (
    <main className="page page-narrow auth-page" id="main">
      <p className="brand brand-large">Ultaura</p>
      <h1>{signUp ? "Create your account" : "Sign in"}</h1>
      <p className="lead">
        {signUp
          ? "Set up friendly phone calls for someone you love. It takes a few minutes."
          : "Welcome back. See how the calls are going."}
      </p>
      <form ref={formRef} className="card form" onSubmit={submit} noValidate>
        {errors.form ? (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        ) : null}
        <Field label="E-mail" error={errors.email}>
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
        <Field label="Password" error={errors.password} hint={signUp ? "At least 8 characters." : undefined}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete={signUp ? "new-password" : "current-password"}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <Button type="submit" variant="primary" busy={busy} busyText={signUp ? "Creating…" : "Signing in…"}>
          {signUp ? "Create account" : "Sign in"}
        </Button>
      </form>
      {signUp ? null : (
        <p className="switch-auth">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
      )}
      <p className="switch-auth">
        {signUp ? (
          <>
            Already have an account? <Link to="/sign-in">Sign in</Link>
          </>
        ) : (
          <>
            New to Ultaura?{" "}
            <Link to="/sign-up" state={from ? { from } : undefined}>
              Create an account
            </Link>
          </>
        )}
      </p>
    </main>
  );
}

function plainAuthError(error: AuthError, signUp: boolean): string {
  if (error.code === "invalid_credentials") return "That e-mail and password don't match. Please try again.";
  if (error.code === "user_already_exists" || error.code === "email_exists")
    return "There is already an account with that e-mail. Sign in instead.";
  if (error.code === "email_not_confirmed")
    return "Please confirm your e-mail first: open the link we sent you when you signed up.";
  if (isAuthRetryableFetchError(error))
    return "We couldn't reach Ultaura. Check your connection and try again.";
  return error.message || (signUp ? "We couldn't create your account." : "We couldn't sign you in.");
}
