import { QueryClientProvider } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import Dashboard from "../pages/Dashboard.tsx";
import { AuthProvider, RequireAuth } from "../platform/auth.tsx";
import { config } from "../platform/config.ts";
import { ToastProvider } from "../platform/toast.tsx";
import { Layout } from "./Layout.tsx";
import { createQueryClient } from "./query.ts";

// The dashboard is where a signed-in visit starts, so it comes with the first download: its data requests
// then leave as soon as the app runs, not a round trip later. Every other page loads when visited.
const SignIn = lazy(() => import("../pages/SignIn.tsx"));
const SignUp = lazy(() => import("../pages/SignUp.tsx"));
const ForgotPassword = lazy(() => import("../pages/ForgotPassword.tsx"));
const ResetPassword = lazy(() => import("../pages/ResetPassword.tsx"));
const AuthCallback = lazy(() => import("../pages/AuthCallback.tsx"));
const Onboarding = lazy(() => import("../pages/onboarding/Onboarding.tsx"));
const LinePage = lazy(() => import("../pages/line/LinePage.tsx"));
const Activity = lazy(() => import("../pages/Activity.tsx"));
const Alerts = lazy(() => import("../pages/Alerts.tsx"));
const Billing = lazy(() => import("../pages/Billing.tsx"));
const AccountPage = lazy(() => import("../pages/Account.tsx"));
const NotificationsPage = lazy(() => import("../pages/Notifications.tsx"));
const InvitePage = lazy(() => import("../pages/InvitePage.tsx"));
const NotFound = lazy(() => import("../ui/not-found.tsx"));
const StatusPage = lazy(() => import("../status/StatusPage.tsx").then((m) => ({ default: m.StatusPage })));

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <AuthProvider>
          <BrowserRouter>
            <Suspense
              fallback={
                <div className="page-loading" role="status" aria-busy="true">
                  <span className="visually-hidden">Loading…</span>
                </div>
              }
            >
              <Routes>
                <Route path="/sign-in" element={<SignIn />} />
                <Route path="/sign-up" element={<SignUp />} />
                <Route path="/forgot-password" element={<ForgotPassword />} />
                <Route path="/reset-password" element={<ResetPassword />} />
                <Route path="/auth/callback" element={<AuthCallback />} />
                {config.localMode ? <Route path="/status" element={<StatusPage />} /> : null}
                <Route
                  element={
                    <RequireAuth>
                      <Layout />
                    </RequireAuth>
                  }
                >
                  <Route index element={<Dashboard />} />
                  <Route path="welcome" element={<Onboarding />} />
                  <Route path="welcome/:lineId" element={<Onboarding />} />
                  <Route path="lines/:lineId/*" element={<LinePage />} />
                  <Route path="activity" element={<Activity />} />
                  <Route path="alerts" element={<Alerts />} />
                  <Route path="billing" element={<Billing />} />
                  <Route path="account" element={<AccountPage />} />
                  <Route path="notifications" element={<NotificationsPage />} />
                  <Route path="invite/:token" element={<InvitePage />} />
                  <Route path="*" element={<NotFound />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </AuthProvider>
      </ToastProvider>
    </QueryClientProvider>
  );
}
