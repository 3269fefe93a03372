import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDay } from "@/lib/format";
import type { Instrument } from "@/lib/measures/instruments";
import type { InstrumentSummary } from "@/lib/measures/queries";
import { changeLabels } from "@/lib/measures/scoring";
import { TrendChart } from "./trend-chart";

export type HistoryRow = {
  id: string;
  administeredOn: string;
  total: number;
  bandLabel: string;
  recordedBy: string;
  correctionReason: string | null;
  supersededAt: Date | null;
};

const changeVariant = { improved: "success", worse: "destructive", no_change: "outline" } as const;

/** One instrument on a case: where it stands, how it moved since the first result, the trend and every result. */
export function InstrumentCard({
  caseId,
  instrument,
  summary,
  history,
  canCorrect,
}: {
  caseId: string;
  instrument: Instrument;
  summary: InstrumentSummary;
  history: HistoryRow[];
  canCorrect: boolean;
}) {
  const better = instrument.direction === "lower_is_better" ? "lower is better" : "higher is better";
  const titleId = `instrument-${instrument.code}`;
  // Results and, for days out of home, the counts from session notes, in date order.
  const entries = [
    ...history.map((row) => ({ kind: "measure" as const, date: row.administeredOn, row })),
    ...summary.points
      .filter((p) => p.source === "note")
      .map((p, index) => ({ kind: "note" as const, date: p.date, value: p.value, key: `note-${index}` })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  const measureRow = (row: HistoryRow) => (
    <TableRow key={row.id} className={row.supersededAt ? "text-muted-foreground" : undefined}>
      <TableCell>{formatDay(row.administeredOn)}</TableCell>
      <TableCell className={row.supersededAt ? "text-right line-through" : "text-right"}>{row.total}</TableCell>
      <TableCell>
        {row.bandLabel}
        {row.supersededAt ? <Badge variant="outline" className="ml-2">Superseded</Badge> : null}
        {row.correctionReason ? <div className="text-xs text-muted-foreground">Correction: {row.correctionReason}</div> : null}
      </TableCell>
      <TableCell className="text-xs">{row.recordedBy}</TableCell>
      {canCorrect ? (
        <TableCell>
          {row.supersededAt ? null : (
            <Link
              href={`/cases/${caseId}/outcomes?correct=${row.id}`}
              className="text-sm text-primary underline-offset-4 hover:underline"
              aria-label={`Correct the ${instrument.code} result of ${formatDay(row.administeredOn)}`}
            >
              Correct
            </Link>
          )}
        </TableCell>
      ) : null}
    </TableRow>
  );
  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <CardTitle asChild>
            <h2 id={titleId}>{instrument.name}</h2>
          </CardTitle>
          {summary.change ? <Badge variant={changeVariant[summary.change]}>{changeLabels[summary.change]}</Badge> : null}
        </div>
        <CardDescription>
          Latest {summary.latest.value} ({summary.latest.bandLabel.toLowerCase()}) on {formatDay(summary.latest.date)}
          {summary.points.length > 1 ? `; first ${summary.first.value} on ${formatDay(summary.first.date)}` : ""} · {better} ·{" "}
          {summary.points.length} result{summary.points.length === 1 ? "" : "s"}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <figure className="grid gap-2">
          <TrendChart label={instrument.code} points={summary.points} range={instrument.total} bands={instrument.bands} cutoff={instrument.cutoff} />
          <figcaption className="text-xs text-muted-foreground">
            {instrument.cutoff ? `Dashed line: ${instrument.cutoff.label}. ` : ""}Shaded: bands of concern.
            {instrument.code === "DAYSOUT" ? " Includes the days out of home recorded in session notes." : ""}
          </figcaption>
        </figure>
        <Table>
          <caption className="sr-only">{instrument.name}: results over time</caption>
          <TableHeader>
            <TableRow>
              <TableHead>Date</TableHead>
              <TableHead className="text-right">Score</TableHead>
              <TableHead>Band</TableHead>
              <TableHead>Recorded</TableHead>
              {canCorrect ? (
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              ) : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.map((entry) =>
              entry.kind === "note" ? (
                <TableRow key={entry.key}>
                  <TableCell>{formatDay(entry.date)}</TableCell>
                  <TableCell className="text-right">{entry.value}</TableCell>
                  <TableCell>From a session note</TableCell>
                  <TableCell />
                  {canCorrect ? <TableCell /> : null}
                </TableRow>
              ) : (
                measureRow(entry.row)
              ),
            )}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
