import type { Metadata } from "next";
import Link from "next/link";
import { Field } from "@/components/forms/field";
import { SelectField } from "@/components/forms/select-field";
import { Button } from "@/components/ui/button";
import { TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePermission } from "@/lib/actor";
import { auditColumns } from "@/lib/audit-columns";
import { listAuditEvents } from "@/lib/audit-log";
import { requestContext } from "@/lib/request";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("audit.read", "/admin/audit");
  const query = await searchParams;
  const { rows, total, input } = await listAuditEvents(actor, { ...query, outcome: [query.outcome ?? []].flat() }, await requestContext());
  const filters = { who: input.who, action: input.action, entity: input.entity, from: input.from, to: input.to, ...(input.outcome[0] ? { outcome: input.outcome[0] } : {}) };
  const params = (extra: Record<string, string | number>) =>
    new URLSearchParams(Object.entries({ ...filters, ...extra }).filter(([, v]) => v !== "" && v !== undefined).map(([k, v]) => [k, String(v)]));
  const pages = Math.max(1, Math.ceil(total / input.perPage));

  return (
    <div className="mx-auto grid max-w-7xl gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit trail</h1>
        <p className="text-sm text-muted-foreground">
          Every sign-in, read, change, export and refusal, newest first. Rows are chained by hash; `npm run audit:verify` checks the chain.
        </p>
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter the audit trail">
        <Field label="Who (name or email)" name="who" defaultValue={input.who} className="w-56" />
        <Field label="Action" name="action" defaultValue={input.action} placeholder="e.g. note.sign" className="w-44" />
        <Field label="Entity type" name="entity" defaultValue={input.entity} placeholder="e.g. case" className="w-36" />
        <SelectField
          label="Outcome"
          name="outcome"
          defaultValue={input.outcome[0] ?? ""}
          options={[
            { value: "", label: "Any" },
            { value: "success", label: "Success" },
            { value: "failure", label: "Failure" },
            { value: "denied", label: "Denied" },
          ]}
        />
        <Field label="From" name="from" type="date" defaultValue={input.from} className="w-40" />
        <Field label="To" name="to" type="date" defaultValue={input.to} className="w-40" />
        <Button type="submit">Search</Button>
        <Button asChild variant="outline">
          <a href={`/api/audit?${params({})}`} download>
            Download CSV
          </a>
        </Button>
      </form>
      <div role="region" aria-label="Audit events" tabIndex={0} className="overflow-x-auto rounded-md border bg-card">
        <table data-slot="table" className="w-full caption-bottom text-sm">
          <caption className="sr-only">Audit events</caption>
          <TableHeader>
            <TableRow>
              {auditColumns.map((column) => (
                <TableHead key={column.header}>{column.header}</TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.length === 0 ? (
              <TableRow>
                <TableCell colSpan={auditColumns.length} className="h-20 text-center text-muted-foreground">
                  No events match.
                </TableCell>
              </TableRow>
            ) : (
              rows.map((row) => (
                <TableRow key={row.id}>
                  {auditColumns.map((column) => (
                    <TableCell key={column.header} className="whitespace-nowrap text-xs">
                      {String(column.value(row))}
                    </TableCell>
                  ))}
                </TableRow>
              ))
            )}
          </TableBody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
        <span>
          {total} event{total === 1 ? "" : "s"} · page {input.page} of {pages}
        </span>
        {input.page > 1 ? (
          <Link className="text-primary underline-offset-4 hover:underline" href={`/admin/audit?${params({ page: input.page - 1 })}`}>
            Newer
          </Link>
        ) : null}
        {input.page < pages ? (
          <Link className="text-primary underline-offset-4 hover:underline" href={`/admin/audit?${params({ page: input.page + 1 })}`}>
            Older
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
