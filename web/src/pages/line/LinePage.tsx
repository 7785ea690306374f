import { useEffect } from "react";
import { NavLink, Route, Routes, useParams } from "react-router";
import { useLine, usePrefetchLinePage } from "../../api/queries.ts";
import { usePageTitle } from "../../lib/title.ts";
import { Section } from "../../ui/boundary.tsx";
import { NotFoundMessage } from "../../ui/not-found.tsx";
import { Skeleton } from "../../ui/skeleton.tsx";
import { ContactsPanel } from "./ContactsPanel.tsx";
import { LineNotices } from "./LineNotices.tsx";
import { MemoriesPanel } from "./MemoriesPanel.tsx";
import { MessagesPanel } from "./MessagesPanel.tsx";
import { MoodTrend, preloadMoodChart } from "./MoodTrend.tsx";
import { PausesPanel } from "./PausesPanel.tsx";
import { RemindersPanel } from "./RemindersPanel.tsx";
import { SchedulesPanel } from "./SchedulesPanel.tsx";
import { SettingsPanel } from "./SettingsPanel.tsx";

/** One loved one: settings, call times, trusted contacts and memories, one tap from the dashboard. */
export default function LinePage() {
  const { lineId = "" } = useParams();
  usePrefetchLinePage(lineId);
  // The chart's code (and its library) downloads while the page's data does, not after it.
  useEffect(preloadMoodChart, []);
  return (
    <Section title="This page" fallback={<Skeleton lines={6} />}>
      <LineView lineId={lineId} />
    </Section>
  );
}

function LineView({ lineId }: { lineId: string }) {
  const { data: line } = useLine(lineId);
  usePageTitle(line.displayName);
  const base = `/lines/${line.id}`;
  const tabs = [
    { to: base, label: "Settings", end: true },
    { to: `${base}/schedules`, label: "Call times", end: false },
    { to: `${base}/reminders`, label: "Reminders", end: false },
    { to: `${base}/contacts`, label: "Trusted contacts", end: false },
    { to: `${base}/memories`, label: "Memories", end: false },
    { to: `${base}/messages`, label: "Messages", end: false },
  ];
  return (
    <>
      <h1>{line.displayName}</h1>
      <Section title="Number changes" fallback={null}>
        <LineNotices line={line} />
      </Section>
      <Section title="How they've been" fallback={<Skeleton lines={3} />}>
        <MoodTrend line={line} />
      </Section>
      <nav aria-label={`${line.displayName}'s pages`} className="tabs">
        {tabs.map((t) => (
          <NavLink key={t.to} to={t.to} end={t.end} className="tab">
            {t.label}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route
          index
          element={
            <Section title="Settings">
              <SettingsPanel line={line} />
            </Section>
          }
        />
        <Route
          path="schedules"
          element={
            <>
              <Section title="Call times">
                <SchedulesPanel line={line} />
              </Section>
              <Section title="Planned pauses">
                <PausesPanel line={line} />
              </Section>
            </>
          }
        />
        <Route
          path="reminders"
          element={
            <Section title="Reminders">
              <RemindersPanel line={line} />
            </Section>
          }
        />
        <Route
          path="contacts"
          element={
            <Section title="Trusted contacts">
              <ContactsPanel line={line} />
            </Section>
          }
        />
        <Route
          path="memories"
          element={
            <Section title="Memories">
              <MemoriesPanel line={line} />
            </Section>
          }
        />
        <Route
          path="messages"
          element={
            <Section title="Messages">
              <MessagesPanel line={line} />
            </Section>
          }
        />
        <Route path="*" element={<NotFoundMessage />} />
      </Routes>
    </>
  );
}
