import { Suspense } from "react";
import { NavLink, Outlet } from "react-router";
import { authClient } from "../platform/auth-client.ts";
import { Button } from "../ui/button.tsx";
import { Skeleton } from "../ui/skeleton.tsx";

const NAV = [
  { to: "/", label: "Home", icon: "⌂", end: true },
  { to: "/activity", label: "Calls", icon: "☏", end: false },
  { to: "/alerts", label: "Alerts", icon: "◉", end: false },
  { to: "/billing", label: "Billing", icon: "▤", end: false },
  { to: "/account", label: "Account", icon: "☺", end: false },
];

/** Signed-in frame: a side bar on wide screens, a bottom bar on phones. */
export function Layout() {
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand">
          Ultaura
        </NavLink>
        <Button variant="link" onClick={() => authClient.signOut()}>
          Sign out
        </Button>
      </header>
      <nav className="nav" aria-label="Main">
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end} className="nav-link">
                <span aria-hidden="true" className="nav-icon">
                  {item.icon}
                </span>
                <span>{item.label}</span>
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main className="page" id="main" tabIndex={-1}>
        <Suspense fallback={<Skeleton lines={5} />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
