"use client";

import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartTooltip, ChartTooltipContent, type ChartConfig } from "@/components/ui/chart";

/** A horizontal bar per row. A picture of the table beside it, which carries the same figures for everyone. */
export function ReportBarChart({ data, label, unit = "" }: { data: { name: string; value: number }[]; label: string; unit?: string }) {
  const config = { value: { label, color: "var(--chart-1)" } } satisfies ChartConfig;
  const height = Math.max(120, data.length * 28 + 40);
  return (
    <ChartContainer config={config} className="aspect-auto w-full" style={{ height }} aria-hidden>
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24, top: 4, bottom: 4 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} />
        <XAxis type="number" allowDecimals={false} tickLine={false} axisLine={false} tickFormatter={(v: number) => `${v}${unit}`} />
        <YAxis type="category" dataKey="name" width={170} tickLine={false} axisLine={false} interval={0} />
        <ChartTooltip content={<ChartTooltipContent />} />
        <Bar dataKey="value" fill="var(--color-value)" radius={3} isAnimationActive={false} />
      </BarChart>
    </ChartContainer>
  );
}
