import type { Metadata } from "next";
import Link from "next/link";
import { format, subMonths, startOfQuarter, subQuarters, endOfQuarter, startOfYear, subYears } from "date-fns";
import { Field, FieldError } from "@/components/forms/field";
import { SelectField } from "@/components/forms/select-field";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePermission } from "@/lib/actor";
import { can } from "@/lib/policy";
import { buildStatistics } from "@/lib/statistics/export";
import { statisticsInput } from "@/lib/statistics/schemas";
import { serviceSettingsNow } from "@/lib/settings/service";
import { requestContext } from "@/lib/request";
import { z } from "zod";
import { DownloadButton } from "./download-button";

export const metadata: Metadata = { title: "Statistics" };

const month = (date: Date) => format(date, "yyyy-MM");

/** Whole-month presets ending with the last complete month. */
function presets(now = new Date()) {
  const lastMonth = subMonths(now, 1);
  const lastQuarter = subQuarters(now, 1);
  const lastYear = subYears(now, 1);
  return [
    { label: "Last 12 months", from: month(subMonths(now, 12)), to: month(lastMonth) },
    { label: "Last quarter", from: month(startOfQuarter(lastQuarter)), to: month(endOfQuarter(lastQuarter)) },
    { label: "Last calendar year", from: month(startOfYear(lastYear)), to: `${format(lastYear, "yyyy")}-12` },
  ];
}

export default async function StatisticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("statistics.export", "/statistics");
  const query = await searchParams;
  const [fallback] = presets();
  const settings = await serviceSettingsNow();
  const scopes =
    actor.role === "supervisor"
      ? settings.supervisorsSeeService
        ? [
            { value: "team", label: "My team" },
            { value: "service", label: "Whole service" },
          ]
        : [{ value: "team", label: "My team" }]
      : [{ value: "service", label: "Whole service" }];
  const requested = {
    from: typeof query.from === "string" ? query.from : fallback!.from,
    to: typeof query.to === "string" ? query.to : fallback!.to,
    scope: typeof query.scope === "string" ? query.scope : scopes[0]!.value,
  };
  const parsed = statisticsInput.safeParse(requested);
  const errors = parsed.success ? {} : (z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>);
  const stats = parsed.success ? await buildStatistics(actor, parsed.data, await requestContext()) : null;
  const exportHref = (fmt: string) => `/api/statistics?${new URLSearchParams({ ...requested, format: fmt })}`;

  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Anonymised statistics</h1>
        <p className="text-sm text-muted-foreground">
          Every table is shown exactly as it will be exported: small counts hidden, counts slightly perturbed, only consented cases.
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2>Period and scope</h2>
          </CardTitle>
          <CardDescription>Whole calendar months.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <nav aria-label="Period presets" className="flex flex-wrap gap-2">
            {presets().map((p) => (
              <Link
                key={p.label}
                href={`/statistics?${new URLSearchParams({ from: p.from, to: p.to, scope: requested.scope })}`}
                className="rounded-md border px-3 py-1.5 text-sm hover:bg-accent"
              >
                {p.label}
              </Link>
            ))}
          </nav>
          <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Statistics period" noValidate>
            <Field label="First month" name="from" type="month" defaultValue={requested.from} errors={errors.from} className="w-44" />
            <Field label="Last month" name="to" type="month" defaultValue={requested.to} errors={errors.to} className="w-44" />
            <SelectField label="Scope" name="scope" options={scopes} defaultValue={requested.scope} errors={errors.scope} />
            <Button type="submit">Preview</Button>
          </form>
          <FieldError id="statistics-format-error" errors={errors.format} />
        </CardContent>
      </Card>

      {stats ? (
        <>
          <Card>
            <CardHeader>
              <CardTitle asChild>
                <h2>Export</h2>
              </CardTitle>
              <CardDescription>
                {stats.metadata.scope}, {stats.metadata.period.from} to {stats.metadata.period.to}. Cases left out for lack of consent:{" "}
                {String(stats.metadata.excludedWithoutConsent)}.
              </CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              <div className="flex flex-wrap gap-3">
                <DownloadButton href={exportHref("csv")} label="Download CSV" />
                <DownloadButton href={exportHref("xlsx")} label="Download XLSX" />
                <DownloadButton href={exportHref("json")} label="Download JSON" />
              </div>
              <ul className="list-disc pl-5 text-sm text-muted-foreground">
                {stats.metadata.rules.map((rule) => (
                  <li key={rule}>{rule}</li>
                ))}
              </ul>
            </CardContent>
          </Card>
          {can(actor, "research.extract") ? (
            <Card>
              <CardHeader>
                <CardTitle asChild>
                  <h2>Research extract</h2>
                </CardTitle>
                <CardDescription>
                  One row per consented case of the service, under a pseudonym new to each export: 10-year age bands, wider areas,
                  referral year, source, duration band, factor categories, closure outcome and first/latest band per instrument. Records
                  are dropped until every combination of age band, sex/gender, area, referral year and source occurs at least{" "}
                  {settings.researchK} times. No names, ids, free text or dates finer than a year.
                </CardDescription>
              </CardHeader>
              <CardContent>
                <DownloadButton
                  href={`/api/statistics/research?${new URLSearchParams({ from: requested.from, to: requested.to })}`}
                  label="Download research extract (CSV)"
                  summaryHeader="X-Tsunagu-Extract"
                />
              </CardContent>
            </Card>
          ) : null}
          {stats.tables.map((table) => (
            <Card key={table.id}>
              <CardHeader>
                <CardTitle asChild>
                  <h2>{table.title}</h2>
                </CardTitle>
                {table.notes.length ? <CardDescription>{table.notes.join(" ")}</CardDescription> : null}
              </CardHeader>
              <CardContent>
                <div role="region" aria-label={table.title} tabIndex={0} className="overflow-x-auto rounded-md border">
                  <table data-slot="table" data-statistics={table.id} className="w-full caption-bottom text-sm">
                    <caption className="sr-only">{table.title}</caption>
                    <TableHeader>
                      <TableRow>
                        <TableHead>{table.rowHeader}</TableHead>
                        {table.columns.map((column) => (
                          <TableHead key={column} className="text-right">
                            {column}
                          </TableHead>
                        ))}
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {table.rows.map((row) => (
                        <TableRow key={row.label} className={row.label === "Total" ? "font-medium" : undefined}>
                          <TableCell>{row.label}</TableCell>
                          {row.values.map((value, index) => (
                            <TableCell key={index} className="text-right tabular-nums">
                              {value === null ? "—" : String(value)}
                            </TableCell>
                          ))}
                        </TableRow>
                      ))}
                    </TableBody>
                  </table>
                </div>
              </CardContent>
            </Card>
          ))}
        </>
      ) : null}
    </div>
  );
}
