import { type ComponentType, useEffect } from "react";
import { NavLink, Route, Routes, useParams } from "react-router";
import { useLine, usePrefetchLinePage } from "../../api/queries.ts";
import type { Line } from "../../api/types.ts";
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

interface LineTab {
  /** Below `/lines/:id`; "" is the line's first page. */
  path: string;
  /** Each panel in its own boundary, titled for its loading and its errors; the tab is named after the first. */
  panels: [LinePanel, ...LinePanel[]];
}

interface LinePanel {
  title: string;
  Panel: ComponentType<{ line: Line }>;
}

const TABS: LineTab[] = [
  { path: "", panels: [{ title: "Settings", Panel: SettingsPanel }] },
  {
    path: "schedules",
    panels: [
      { title: "Call times", Panel: SchedulesPanel },
      { title: "Planned pauses", Panel: PausesPanel },
    ],
  },
  { path: "reminders", panels: [{ title: "Reminders", Panel: RemindersPanel }] },
  { path: "contacts", panels: [{ title: "Trusted contacts", Panel: ContactsPanel }] },
  { path: "memories", panels: [{ title: "Memories", Panel: MemoriesPanel }] },
  { path: "messages", panels: [{ title: "Messages", Panel: MessagesPanel }] },
];

function LineView({ lineId }: { lineId: string }) {
  const { data: line } = useLine(lineId);
  usePageTitle(line.displayName);
  const base = `/lines/${line.id}`;
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
        {TABS.map((tab) => (
          <NavLink
            key={tab.path}
            to={tab.path ? `${base}/${tab.path}` : base}
            end={!tab.path}
            className="tab"
          >
            {tab.panels[0].title}
          </NavLink>
        ))}
      </nav>
      <Routes>
        {TABS.map((tab) => {
          const element = (
            <>
              {tab.panels.map(({ title, Panel }) => (
                <Section key={title} title={title}>
                  <Panel line={line} />
                </Section>
              ))}
            </>
          );
          return tab.path ? (
            <Route key={tab.path} path={tab.path} element={element} />
          ) : (
            <Route key="index" index element={element} />
          );
        })}
        <Route path="*" element={<NotFoundMessage />} />
      </Routes>
    </>
  );
}
