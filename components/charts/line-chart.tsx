"use client";

import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import type { LineChartProps } from "./line-chart-props";

const Placeholder = () => <div className="h-64 w-full animate-pulse rounded-xl bg-slate-100" aria-hidden="true" />;

// The chart library (the heaviest script of the app) loads in the browser only, and only once the
// chart comes near the screen: the table twin carries the numbers meanwhile, and a page whose chart is
// further down never pays for it unless the student scrolls there.
const Drawing = dynamic(() => import("./line-chart-drawing").then((m) => m.LineChartDrawing), { ssr: false, loading: Placeholder });

/** The chart of a LineChartWithTable (a client leaf). */
export function LineChart(props: LineChartProps) {
  const anchor = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = anchor.current;
    if (!element || near) return;
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && setNear(true), { rootMargin: "200px" });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  return <div ref={anchor}>{near ? <Drawing {...props} /> : <Placeholder />}</div>;
}
