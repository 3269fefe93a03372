"use client";

import { Flag } from "lucide-react";
import Link from "next/link";
import { useQueryState } from "nuqs";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableColumnHeader } from "@/components/data-table/data-table-column-header";
import { DataTableFacetedFilter } from "@/components/data-table/data-table-faceted-filter";
import { DataTablePagination } from "@/components/data-table/data-table-pagination";
import { DataTableToolbar } from "@/components/data-table/data-table-toolbar";
import type { ServerColumnDef } from "@/components/data-table/features";
import { useServerTable } from "@/components/data-table/use-server-table";
import { Button } from "@/components/ui/button";
import { options, riskLabels, statusLabels } from "@/lib/cases/labels";
import type { CaseListRow } from "@/lib/cases/list";
import { formatMonths, withdrawalDuration } from "@/lib/cases/withdrawal";
import { formatDay } from "@/lib/format";
import { RiskBadge, StatusBadge } from "./case-badges";
import { caseSearchParams } from "./search-params";

type Option = { value: string; label: string };

function columnsFor(showCounsellor: boolean): ServerColumnDef<CaseListRow>[] {
  const columns: ServerColumnDef<CaseListRow>[] = [
    {
      id: "reference",
      accessorKey: "reference",
      meta: { label: "Reference" },
      enableHiding: false,
      header: ({ column }) => <DataTableColumnHeader column={column} title="Reference" />,
      cell: ({ row }) => (
        <Link href={`/cases/${row.original.id}`} className="font-medium whitespace-nowrap text-primary underline-offset-4 hover:underline">
          {row.original.reference}
        </Link>
      ),
    },
    {
      id: "client",
      accessorKey: "clientName",
      meta: { label: "Client" },
      header: ({ column }) => <DataTableColumnHeader column={column} title="Client" />,
      cell: ({ row }) => (
        <span className="flex items-center gap-2">
          {row.original.clientName}
          {row.original.openFlags > 0 ? (
            <span className="inline-flex items-center gap-1 text-xs text-destructive" title="Open flags">
              <Flag aria-hidden className="size-3.5" />
              <span className="sr-only">Open flags:</span>
              {row.original.openFlags}
            </span>
          ) : null}
        </span>
      ),
    },
    {
      id: "status",
      accessorKey: "status",
      meta: { label: "Status" },
      header: ({ column }) => <DataTableColumnHeader column={column} title="Status" />,
      cell: ({ row }) => <StatusBadge status={row.original.status} />,
    },
    {
      id: "risk",
      accessorKey: "riskLevel",
      meta: { label: "Risk" },
      header: ({ column }) => <DataTableColumnHeader column={column} title="Risk" />,
      cell: ({ row }) => <RiskBadge risk={row.original.riskLevel} />,
    },
    {
      id: "primaryFactor",
      accessorKey: "primaryFactor",
      meta: { label: "Primary factor" },
      enableSorting: false,
      header: () => "Primary factor",
      cell: ({ row }) => row.original.primaryFactor ?? <span className="text-muted-foreground">—</span>,
    },
    {
      id: "withdrawal",
      accessorKey: "withdrawalOnset",
      meta: { label: "Withdrawn for" },
      enableSorting: false,
      header: () => "Withdrawn for",
      cell: ({ row }) =>
        row.original.withdrawalOnset ? (
          <span className="whitespace-nowrap">{formatMonths(withdrawalDuration(row.original.withdrawalOnset, new Date()).months)}</span>
        ) : (
          <span className="text-muted-foreground">Unknown</span>
        ),
    },
    {
      id: "referralDate",
      accessorKey: "referralDate",
      meta: { label: "Referred" },
      header: ({ column }) => <DataTableColumnHeader column={column} title="Referred" />,
      cell: ({ row }) => <span className="whitespace-nowrap">{formatDay(row.original.referralDate)}</span>,
    },
    {
      id: "lastContact",
      accessorKey: "lastContactOn",
      meta: { label: "Last contact" },
      header: ({ column }) => <DataTableColumnHeader column={column} title="Last contact" />,
      cell: ({ row }) =>
        row.original.lastContactOn ? (
          <span className="whitespace-nowrap">{formatDay(row.original.lastContactOn)}</span>
        ) : (
          <span className="text-muted-foreground">None yet</span>
        ),
    },
  ];
  if (showCounsellor) {
    columns.splice(4, 0, {
      id: "counsellor",
      accessorKey: "counsellorName",
      meta: { label: "Counsellor" },
      header: ({ column }) => <DataTableColumnHeader column={column} title="Counsellor" />,
      cell: ({ row }) => row.original.counsellorName,
    });
  }
  return columns;
}

const statusOptions = options(statusLabels);
const riskOptions = options(riskLabels);

export function CasesTable({
  rows,
  total,
  factorOptions,
  counsellorOptions,
  showNoContact,
  filtered,
}: {
  rows: CaseListRow[];
  total: number;
  factorOptions: Option[];
  counsellorOptions: Option[];
  showNoContact: boolean;
  filtered: boolean;
}) {
  const showCounsellor = counsellorOptions.length > 0;
  const { table, isLoading, startTransition } = useServerTable({
    columns: columnsFor(showCounsellor),
    data: rows,
    rowCount: total,
    getRowId: (row) => row.id,
  });
  const [noContact, setNoContact] = useQueryState("noContact", caseSearchParams.noContact.withOptions({ shallow: false, startTransition }));
  const facetParams = ["status", "risk", "factor", ...(showCounsellor ? ["counsellor"] : []), ...(showNoContact ? ["noContact"] : [])];
  return (
    <div className="grid gap-3">
      <DataTableToolbar table={table} searchLabel="Search reference or client" facetParams={facetParams} startTransition={startTransition}>
        <DataTableFacetedFilter param="status" title="Status" options={statusOptions} startTransition={startTransition} />
        <DataTableFacetedFilter param="risk" title="Risk" options={riskOptions} startTransition={startTransition} />
        <DataTableFacetedFilter param="factor" title="Factor" options={factorOptions} startTransition={startTransition} />
        {showCounsellor ? (
          <DataTableFacetedFilter param="counsellor" title="Counsellor" options={counsellorOptions} startTransition={startTransition} />
        ) : null}
        {showNoContact ? (
          <Button
            variant={noContact ? "secondary" : "outline"}
            size="sm"
            className="h-8 border-dashed"
            aria-pressed={noContact}
            onClick={() => void setNoContact(noContact ? null : true)}
          >
            No contact in 30+ days
          </Button>
        ) : null}
      </DataTableToolbar>
      <DataTable
        table={table}
        caption="Cases"
        isLoading={isLoading}
        rowHref={(row) => `/cases/${row.id}`}
        emptyMessage={filtered ? "No cases match these filters." : "No cases yet. Start one with “New case”."}
      />
      <DataTablePagination table={table} noun="cases" />
    </div>
  );
}
