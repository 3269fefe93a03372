"use client";

import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartTooltip, ChartTooltipContent, type ChartConfig } from "@/components/ui/chart";
import { formatDay } from "@/lib/format";
import type { Band } from "@/lib/measures/instruments";

export type ChartPoint = { date: string; value: number; source: "measure" | "note" };

/**
 * One instrument's results over time, with its bands of concern shaded and its cut-off drawn.
 * The chart is a picture for sighted readers; the same figures are in the table beside it.
 */
export function TrendChart({
  label,
  points,
  range,
  bands,
  cutoff,
}: {
  label: string;
  points: ChartPoint[];
  range: { min: number; max: number };
  bands: Band[];
  cutoff?: { value: number; label: string };
}) {
  const config = { value: { label, color: "var(--chart-1)" } } satisfies ChartConfig;
  // The bands of concern are adjacent, so one shaded span shows them without seams.
  const concern = bands.filter((band) => band.concern);
  return (
    <ChartContainer config={config} className="h-56 w-full" aria-hidden>
      <LineChart data={points} margin={{ top: 12, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} />
        {concern.length ? (
          <ReferenceArea
            y1={Math.min(...concern.map((b) => b.min))}
            y2={Math.max(...concern.map((b) => b.max))}
            fill="var(--destructive)"
            fillOpacity={0.06}
            ifOverflow="hidden"
          />
        ) : null}
        <XAxis
          dataKey="date"
          tickFormatter={(day: string) => formatDay(day)}
          tickLine={false}
          axisLine={false}
          minTickGap={24}
          interval="preserveStartEnd"
          padding={{ left: 28, right: 28 }}
        />
        <YAxis domain={[range.min, range.max]} allowDecimals={false} tickLine={false} axisLine={false} width={32} />
        {cutoff ? (
          <ReferenceLine
            y={cutoff.value}
            stroke="var(--destructive)"
            strokeDasharray="4 4"
            label={{ value: cutoff.label, position: "insideTopRight", fill: "var(--muted-foreground)", fontSize: 11 }}
          />
        ) : null}
        <ChartTooltip content={<ChartTooltipContent labelFormatter={(day) => formatDay(String(day))} />} />
        <Line dataKey="value" type="linear" stroke="var(--color-value)" strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false} />
      </LineChart>
    </ChartContainer>
  );
}
