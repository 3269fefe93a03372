"use client";

import type { RowData } from "@tanstack/react-table";
import { useTable, type PaginationState, type SortingState, type Updater } from "@tanstack/react-table";
import { useQueryStates } from "nuqs";
import { useState, useTransition } from "react";
import { serverTableFeatures, type ServerColumnDef } from "./features";
import { tableParsers } from "./search-params";

const apply = <T,>(updater: Updater<T>, current: T): T =>
  typeof updater === "function" ? (updater as (old: T) => T)(current) : updater;

/**
 * Binds a TanStack table to the URL: sorting and paging write search params, the server
 * component re-renders with the new page. Column visibility stays local to this browser tab.
 */
export function useServerTable<TData extends RowData>({
  columns,
  data,
  rowCount,
  getRowId,
}: {
  columns: ServerColumnDef<TData>[];
  data: TData[];
  rowCount: number;
  getRowId: (row: TData) => string;
}) {
  const [isLoading, startTransition] = useTransition();
  const [query, setQuery] = useQueryStates(tableParsers, { shallow: false, startTransition });
  const [columnVisibility, setColumnVisibility] = useState<Record<string, boolean>>({});

  const sorting: SortingState = query.sort ? [{ id: query.sort, desc: query.dir === "desc" }] : [];
  const pagination: PaginationState = { pageIndex: query.page - 1, pageSize: query.perPage };

  const table = useTable({
    features: serverTableFeatures,
    columns,
    data,
    rowCount,
    getRowId,
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    state: { sorting, pagination, columnVisibility },
    onSortingChange: (updater) => {
      const [next] = apply(updater, sorting);
      void setQuery({ sort: next?.id ?? null, dir: next?.desc ? "desc" : "asc", page: 1 });
    },
    onPaginationChange: (updater) => {
      const next = apply(updater, pagination);
      void setQuery({
        page: next.pageSize !== pagination.pageSize ? 1 : next.pageIndex + 1,
        perPage: next.pageSize,
      });
    },
    onColumnVisibilityChange: (updater) => setColumnVisibility((old) => apply(updater, old)),
  });

  return { table, isLoading, startTransition };
}
