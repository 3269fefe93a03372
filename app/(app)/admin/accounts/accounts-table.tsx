"use client";

import { DataTable } from "@/components/data-table/data-table";
import { DataTableColumnHeader } from "@/components/data-table/data-table-column-header";
import { DataTableFacetedFilter } from "@/components/data-table/data-table-faceted-filter";
import { DataTablePagination } from "@/components/data-table/data-table-pagination";
import { DataTableToolbar } from "@/components/data-table/data-table-toolbar";
import type { ServerColumnDef } from "@/components/data-table/features";
import { useServerTable } from "@/components/data-table/use-server-table";
import { Badge } from "@/components/ui/badge";
import type { AccountRow } from "@/lib/accounts/queries";
import { roleLabels } from "@/lib/accounts/labels";
import { formatDateTime } from "@/lib/format";
import { AccountRowActions } from "./account-row-actions";
import { roleOptions, statusOptions } from "./options";

type TeamOption = { value: string; label: string };

function columnsFor(teams: TeamOption[], currentAccountId: string): ServerColumnDef<AccountRow>[] {
  return [
    {
      id: "name",
      accessorKey: "name",
      meta: { label: "Name" },
      enableHiding: false,
      header: ({ column }) => <DataTableColumnHeader column={column} title="Name" />,
      cell: ({ row }) => (
        <div className="min-w-40">
          <div className="font-medium">{row.original.name}</div>
          <div className="text-xs text-muted-foreground">{row.original.email}</div>
        </div>
      ),
    },
    {
      id: "role",
      accessorKey: "role",
      meta: { label: "Role" },
      header: ({ column }) => <DataTableColumnHeader column={column} title="Role" />,
      cell: ({ row }) => roleLabels[row.original.role],
    },
    {
      id: "team",
      accessorKey: "teamName",
      meta: { label: "Team" },
      header: ({ column }) => <DataTableColumnHeader column={column} title="Team" />,
      cell: ({ row }) => row.original.teamName ?? <span className="text-muted-foreground">—</span>,
    },
    {
      id: "status",
      accessorKey: "status",
      meta: { label: "Status" },
      header: ({ column }) => <DataTableColumnHeader column={column} title="Status" />,
      cell: ({ row }) =>
        row.original.status === "deactivated" ? (
          <Badge variant="outline">Deactivated</Badge>
        ) : row.original.hasPassword ? (
          <Badge variant="success">Active</Badge>
        ) : (
          <Badge variant="warning">Awaiting password</Badge>
        ),
    },
    {
      id: "lastLoginAt",
      accessorKey: "lastLoginAt",
      meta: { label: "Last sign-in" },
      header: ({ column }) => <DataTableColumnHeader column={column} title="Last sign-in" />,
      cell: ({ row }) =>
        row.original.lastLoginAt ? (
          <span className="whitespace-nowrap">{formatDateTime(new Date(row.original.lastLoginAt))}</span>
        ) : (
          <span className="text-muted-foreground">Never</span>
        ),
    },
    {
      id: "actions",
      enableSorting: false,
      enableHiding: false,
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) => (
        <AccountRowActions account={row.original} teams={teams} isSelf={row.original.id === currentAccountId} />
      ),
    },
  ];
}

export function AccountsTable({
  rows,
  total,
  teams,
  currentAccountId,
}: {
  rows: AccountRow[];
  total: number;
  teams: TeamOption[];
  currentAccountId: string;
}) {
  const { table, isLoading, startTransition } = useServerTable({
    columns: columnsFor(teams, currentAccountId),
    data: rows,
    rowCount: total,
    getRowId: (row) => row.id,
  });
  return (
    <div className="grid gap-3">
      <DataTableToolbar table={table} searchLabel="Search name or email" facetParams={facetParams} startTransition={startTransition}>
        <DataTableFacetedFilter param="role" title="Role" options={roleOptions} startTransition={startTransition} />
        <DataTableFacetedFilter param="team" title="Team" options={teams} startTransition={startTransition} />
        <DataTableFacetedFilter param="status" title="Status" options={statusOptions} startTransition={startTransition} />
      </DataTableToolbar>
      <DataTable table={table} caption="Accounts" isLoading={isLoading} emptyMessage="No accounts match these filters." />
      <DataTablePagination table={table} noun="accounts" />
    </div>
  );
}

const facetParams = ["role", "team", "status"];
