import type { ReactNode } from "react";
import { Link } from "react-router";
import { usePageTitle } from "../lib/title.ts";

/**
 * Where Supabase Auth's e-mailed links (confirmation, password reset) bring the visitor back: this app's
 * /auth/callback, which must be in the project's Redirect URLs (docs/DEPLOY.md).
 */
export const authCallbackUrl = () => `${window.location.origin}/auth/callback`;

/** "We sent you an e-mail": after a sign-up that needs confirmation, and after "forgot password". */
export function CheckInbox({
  title,
  email,
  children,
}: {
  title: string;
  email: string;
  children: ReactNode;
}) {
  usePageTitle(title);
  return (
    <main className="page page-narrow auth-page" id="main">
      <p className="brand brand-large">Ultaura</p>
      <h1>{title}</h1>
      <div className="card" role="status">
        <p>
          We sent an e-mail to <strong>{email}</strong>. {children}
        </p>
        <p className="hint">It can take a minute. Check your spam folder if it does not arrive.</p>
      </div>
      <p className="switch-auth">
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </main>
  );
}
