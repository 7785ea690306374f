import { Link } from "react-router";
import { usePageTitle } from "../lib/title.ts";

export function NotFoundMessage() {
  usePageTitle("Not found");
  return (
    <div className="not-found" role="alert">
      <h1>Not found</h1>
      <p>We couldn't find that page. It may have been removed, or it belongs to another family.</p>
      <Link className="button button-primary" to="/">
        Go to your dashboard
      </Link>
    </div>
  );
}

/** Signed in, but no family account yet (sign-up creates it with the first person to call). */
export function NoAccountYet() {
  return (
    <div className="empty card">
      <h2>Welcome to Ultaura</h2>
      <p>Let's set up the first call. Tell us who Ultaura should call — it takes a few minutes.</p>
      <Link className="button button-primary" to="/welcome">
        Add someone to call
      </Link>
    </div>
  );
}

export default function NotFoundPage() {
  return (
    <main className="page page-narrow" id="main">
      <NotFoundMessage />
    </main>
  );
}
