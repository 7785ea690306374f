import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { Usage } from "../api/types.ts";

/** Minutes per day this cycle as bars. uPlot is small and only loaded on this page. */
export default function UsageChart({ perDay }: { perDay: Usage["perDay"] }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const xs = perDay.map((d) => Date.parse(`${d.date}T12:00:00Z`) / 1000);
    const ys = perDay.map((d) => d.minutes);
    const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    const chart = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 220,
        cursor: { show: !reduced },
        legend: { show: false },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(5, max)] } },
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
  }, [perDay]);
  return <div ref={host} className="chart" aria-hidden="true" />;
}
