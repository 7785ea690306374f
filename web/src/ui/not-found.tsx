import { Link } from "react-router";

export function NotFoundMessage() {
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

export default function NotFoundPage() {
  return (
    <main className="page page-narrow" id="main">
      <NotFoundMessage />
    </main>
  );
}
