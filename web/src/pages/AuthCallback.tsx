import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { usePageTitle } from "../lib/title.ts";
import { authClient } from "../platform/auth-client.ts";

/**
 * Where Supabase Auth's e-mailed links land. Its implicit flow puts the session (or an error) in the URL
 * fragment; the app reads it once, keeps the session, clears the fragment, and goes on: a confirmed
 * sign-up to the first steps, a password recovery to choosing the new password.
 */
export default function AuthCallback() {
  usePageTitle("Signing you in");
  const navigate = useNavigate();
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    const fragment = new URLSearchParams(window.location.hash.slice(1));
    window.history.replaceState(null, "", window.location.pathname);
    const accessToken = fragment.get("access_token");
    const refreshToken = fragment.get("refresh_token");
    if (fragment.get("error") || !accessToken || !refreshToken) {
      setFailed(
        fragment.get("error_code") === "otp_expired"
          ? "This link has expired or was already used."
          : "This link did not work.",
      );
      return;
    }
    const type = fragment.get("type");
    authClient.setSession({ access_token: accessToken, refresh_token: refreshToken }).then(({ error }) => {
      if (error) setFailed("This link did not work.");
      else navigate(type === "recovery" ? "/reset-password" : "/welcome", { replace: true });
    });
  }, [navigate]);

  if (!failed)
    return (
      <div className="page-loading" role="status" aria-busy="true">
        <span className="visually-hidden">Signing you in…</span>
      </div>
    );
  return (
    <main className="page page-narrow auth-page" id="main">
      <p className="brand brand-large">Ultaura</p>
      <h1>We couldn't sign you in</h1>
      <p className="lead" role="alert">
        {failed} Links work once, for an hour.
      </p>
      <p className="switch-auth">
        <Link to="/forgot-password">Send a new password link</Link> or <Link to="/sign-in">sign in</Link>.
      </p>
    </main>
  );
}
