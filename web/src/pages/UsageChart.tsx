import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { Usage } from "../api/types.ts";
import { cycleDays, DAY_S } from "../lib/usage.ts";

/** Minutes per day this cycle as bars. uPlot is small and only loaded on this page. */
export default function UsageChart({ perDay, cycleStart }: { perDay: Usage["perDay"]; cycleStart: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const [xs, ys] = cycleDays(perDay, cycleStart);
    const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    const chart = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 220,
        cursor: { show: !reduced },
        legend: { show: false },
        scales: {
          x: { time: true, range: () => [(xs[0] ?? 0) - DAY_S / 2, (xs[xs.length - 1] ?? 0) + DAY_S / 2] },
          y: { range: (_u, _min, max) => [0, Math.max(5, max)] },
        },
        axes: [
          { stroke: "#3d4852", grid: { show: false } },
          { stroke: "#3d4852", label: "Minutes", grid: { stroke: "#e6e1da" } },
        ],
        series: [
          {},
          {
            label: "Minutes",
            fill: "#2f6f5e",
            stroke: "#2f6f5e",
            paths: uPlot.paths.bars?.({ size: [0.6, 40] }),
            points: { show: false },
          },
        ],
      },
      [xs, ys],
      el,
    );
    const resize = () => chart.setSize({ width: Math.max(280, el.clientWidth), height: 220 });
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.destroy();
    };
  }, [perDay, cycleStart]);
  return <div ref={host} className="chart" aria-hidden="true" />;
}
