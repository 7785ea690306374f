import type { Session } from "@supabase/auth-js";
import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { Navigate, useLocation } from "react-router";
import { authClient } from "./auth-client.ts";

interface AuthState {
  session: Session | null;
  ready: boolean;
}

const AuthContext = createContext<AuthState>({ session: null, ready: false });

/** Keeps the Supabase session (sign-in, refresh, sign-out) in React state; clears cached data on sign-out. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ session: null, ready: false });
  const queryClient = useQueryClient();
  useEffect(() => {
    let active = true;
    authClient.getSession().then(({ data }) => {
      if (active) setState({ session: data.session, ready: true });
    });
    const { data } = authClient.onAuthStateChange((event, session) => {
      if (event === "SIGNED_OUT") queryClient.clear();
      setState({ session, ready: true });
    });
    return () => {
      active = false;
      data.subscription.unsubscribe();
    };
  }, [queryClient]);
  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  return useContext(AuthContext);
}

/** Pages behind sign-in send visitors to /sign-in and bring them back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { session, ready } = useAuth();
  const location = useLocation();
  if (!ready)
    return (
      <div className="page-loading" role="status" aria-busy="true">
        <span className="visually-hidden">Loading…</span>
      </div>
    );
  if (!session)
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return children;
}
