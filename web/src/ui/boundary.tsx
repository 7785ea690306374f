import { QueryErrorResetBoundary } from "@tanstack/react-query";
import { Component, type ReactNode, Suspense } from "react";
import { ApiError, errorMessage } from "../api/client.ts";
import { NoAccountYet, NotFoundMessage } from "./not-found.tsx";
import { Skeleton } from "./skeleton.tsx";

interface State {
  error: unknown;
}
interface Props {
  title: string;
  onReset: () => void;
  children: ReactNode;
}

class Boundary extends Component<Props, State> {
  override state: State = { error: null };
  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }
  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    if (error instanceof ApiError && error.code === "no_account") return <NoAccountYet />;
    if (error instanceof ApiError && error.status === 404) return <NotFoundMessage />;
    return (
      <div className="section-error" role="alert">
        <h2 className="section-error-title">{this.props.title} couldn't load</h2>
        <p>{errorMessage(error)}</p>
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            this.props.onReset();
            this.setState({ error: null });
          }}
        >
          Try again
        </button>
      </div>
    );
  }
}

/**
 * One section of a page: shows a skeleton while its data loads and, when it fails, says so in plain
 * words with "Try again" (which refetches), while the rest of the page keeps working.
 */
export function Section({
  title,
  children,
  fallback,
}: {
  title: string;
  children: ReactNode;
  fallback?: ReactNode;
}) {
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <Boundary title={title} onReset={reset}>
          <Suspense fallback={fallback ?? <Skeleton lines={3} />}>{children}</Suspense>
        </Boundary>
      )}
    </QueryErrorResetBoundary>
  );
}
