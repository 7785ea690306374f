import { lazy, Suspense } from "react";
import { useWeeklyInsights } from "../../api/queries.ts";
import type { Line } from "../../api/types.ts";
import { moodWord } from "../../lib/words.ts";
import { Skeleton } from "../../ui/skeleton.tsx";

const loadMoodChart = () => import("./MoodChart.tsx");
const MoodChart = lazy(loadMoodChart);

/** Starts downloading the chart before the trend's data arrives (the module is fetched once). */
export function preloadMoodChart() {
  void loadMoodChart();
}

/** How the last eight weeks went: the chart, and the same figures as a table for screen readers. */
export function MoodTrend({ line }: { line: Line }) {
  const { data } = useWeeklyInsights(line.id);
  const weeks = data.weeks;
  const latest = [...weeks].reverse().find((w) => w.mood !== null);
  const answered = weeks.reduce((sum, w) => sum + w.answered, 0);
  const missed = weeks.reduce((sum, w) => sum + w.missed, 0);
  return (
    <section className="card stack" aria-labelledby="trend-title" data-testid="mood-trend">
      <h2 id="trend-title">The last 8 weeks</h2>
      <p>
        {answered} call{answered === 1 ? "" : "s"} answered, {missed} missed.
        {latest?.mood != null ? ` Mood lately: ${moodWord(Math.round(latest.mood))}.` : ""}
      </p>
      {answered > 0 ? (
        <>
          <Suspense fallback={<Skeleton lines={3} />}>
            <MoodChart weeks={weeks} />
          </Suspense>
          <p className="hint">
            The line is the week's average mood (1 very low, 5 very good); bars are calls answered.
          </p>
        </>
      ) : (
        <p className="hint">
          Once {line.displayName} has talked with Ultaura, how each week went shows here.
        </p>
      )}
      {/* The wrapper hides it: a table grows to its content whatever its own width says. */}
      <div className="visually-hidden">
        <table>
          <caption>Week by week</caption>
          <thead>
            <tr>
              <th>Week of</th>
              <th>Mood (1–5)</th>
              <th>Minutes</th>
              <th>Answered</th>
              <th>Missed</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.weekStart}>
                <td>{w.weekStart}</td>
                <td>{w.mood ?? "—"}</td>
                <td>{w.minutes}</td>
                <td>{w.answered}</td>
                <td>{w.missed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
