import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { WeeklyInsights } from "../../api/types.ts";

const WEEK_S = 7 * 86_400;

/** Average mood per week (1–5) as a line over calls answered as bars. uPlot, loaded only with this chart. */
export default function MoodChart({ weeks }: { weeks: WeeklyInsights["weeks"] }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const xs = weeks.map((w) => Date.parse(`${w.weekStart}T12:00:00Z`) / 1000);
    const moods = weeks.map((w) => w.mood);
    const answered = weeks.map((w) => w.answered);
    const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    const height = 160;
    const chart = new uPlot(
      {
        width: Math.max(260, el.clientWidth),
        height,
        cursor: { show: !reduced },
        legend: { show: false },
        scales: {
          x: { time: true, range: () => [(xs[0] ?? 0) - WEEK_S / 2, (xs[xs.length - 1] ?? 0) + WEEK_S / 2] },
          mood: { range: [0.5, 5.5] },
          calls: { range: (_u, _min, max) => [0, Math.max(7, max)] },
        },
        axes: [
          { stroke: "#3d4852", grid: { show: false }, values: (_u, ticks) => ticks.map(shortDate) },
          {
            scale: "mood",
            stroke: "#3d4852",
            label: "Mood",
            grid: { stroke: "#e6e1da" },
            splits: () => [1, 3, 5],
          },
        ],
        series: [
          {},
          {
            label: "Calls answered",
            scale: "calls",
            fill: "#e3efeb",
            stroke: "#cfe3dc",
            paths: uPlot.paths.bars?.({ size: [0.5, 30] }),
            points: { show: false },
          },
          { label: "Mood", scale: "mood", stroke: "#2f6f5e", width: 2, spanGaps: true, points: { size: 7 } },
        ],
      },
      [xs, answered, moods],
      el,
    );
    const resize = () => chart.setSize({ width: Math.max(260, el.clientWidth), height });
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.destroy();
    };
  }, [weeks]);
  return <div ref={host} className="chart" aria-hidden="true" data-testid="mood-chart" />;
}

function shortDate(seconds: number): string {
  return new Date(seconds * 1000).toLocaleDateString(undefined, {
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
}
