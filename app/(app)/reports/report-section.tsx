import { Download } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { Column } from "@/lib/reports/csv";
import type { Period } from "@/lib/reports/period";
import type { ReportTable } from "@/lib/reports/team-report";

type TableProps<T> = {
  table: ReportTable;
  title: string;
  columns: Column<T>[];
  rows: readonly T[];
  period: Period;
  scope: "team" | "service";
  /** Where a row's first cell leads (a drill-down), if anywhere. */
  link?: (row: T) => string;
  empty?: string;
};

const csvHref = (table: ReportTable, { from, to }: Period, scope: "team" | "service") =>
  `/api/reports/${table}?from=${from}&to=${to}${scope === "service" ? "&scope=service" : ""}`;
const shown = (value: unknown) => (value === null || value === undefined ? "—" : String(value));

/** A report table as on screen; its CSV download is built from the same columns. */
export function ReportTableView<T>({ table, title, columns, rows, period, scope, link, empty = "Nothing in this period." }: TableProps<T>) {
  return (
    <div className="grid gap-2">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-medium">{title}</h3>
        <Button asChild variant="outline" size="sm">
          <a href={csvHref(table, period, scope)} download aria-label={`Download ${title} as CSV`}>
            <Download aria-hidden />
            CSV
          </a>
        </Button>
      </div>
      <div role="region" aria-label={title} tabIndex={0} className="overflow-x-auto rounded-md border">
        {/* A bare table: the focusable region around it is the one that scrolls. */}
        <table data-slot="table" data-report={table} className="w-full caption-bottom text-sm">
          <caption className="sr-only">{title}</caption>
          <TableHeader>
            <TableRow>
              {columns.map((column, index) => (
                <TableHead key={column.header} className={index ? "text-right" : undefined}>
                  {column.header}
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.length === 0 ? (
              <TableRow>
                <TableCell colSpan={columns.length} className="h-14 text-center text-muted-foreground">
                  {empty}
                </TableCell>
              </TableRow>
            ) : (
              rows.map((row, rowIndex) => (
                <TableRow key={rowIndex}>
                  {columns.map((column, index) => (
                    <TableCell key={column.header} className={index ? "text-right tabular-nums" : undefined}>
                      {index === 0 && link ? (
                        <Link href={link(row)} className="text-primary underline-offset-4 hover:underline">
                          {shown(column.value(row))}
                        </Link>
                      ) : (
                        shown(column.value(row))
                      )}
                    </TableCell>
                  ))}
                </TableRow>
              ))
            )}
          </TableBody>
        </table>
      </div>
    </div>
  );
}

export function ReportSection({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2>{title}</h2>
        </CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">{children}</CardContent>
    </Card>
  );
}
