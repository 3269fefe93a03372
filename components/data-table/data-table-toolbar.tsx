"use client";

import type { RowData } from "@tanstack/react-table";
import { X } from "lucide-react";
import { debounce, useQueryStates } from "nuqs";
import { useMemo } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { ServerTable } from "./features";
import { DataTableViewOptions } from "./data-table-view-options";
import { facetParser, tableParsers } from "./search-params";

/**
 * Search box (debounced into the URL), the table's facet filters, a reset for all of them, and
 * the column chooser. Any change of filter returns to page 1.
 */
export function DataTableToolbar<TData extends RowData>({
  table,
  searchLabel,
  facetParams,
  startTransition,
  children,
}: {
  table: ServerTable<TData>;
  searchLabel: string;
  facetParams: string[];
  startTransition: React.TransitionStartFunction;
  children?: React.ReactNode;
}) {
  const parsers = useMemo(
    () => ({
      q: tableParsers.q,
      page: tableParsers.page,
      ...Object.fromEntries(facetParams.map((param) => [param, facetParser])),
    }),
    [facetParams],
  );
  const [query, setQuery] = useQueryStates(parsers, { shallow: false, startTransition });
  const filtered =
    query.q !== "" || facetParams.some((param) => ((query as Record<string, unknown>)[param] as string[]).length > 0);

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Input
        type="search"
        aria-label={searchLabel}
        placeholder={`${searchLabel}…`}
        defaultValue={query.q}
        key={query.q === "" ? "empty" : "search"}
        maxLength={200}
        onChange={(event) =>
          void setQuery(
            { q: event.target.value || null, page: null },
            { limitUrlUpdates: event.target.value ? debounce(300) : undefined },
          )
        }
        className="h-8 w-full sm:w-64"
      />
      {children}
      {filtered ? (
        <Button
          variant="ghost"
          size="sm"
          className="h-8"
          onClick={() => void setQuery(Object.fromEntries(Object.keys(parsers).map((key) => [key, null])))}
        >
          Reset
          <X aria-hidden />
        </Button>
      ) : null}
      <DataTableViewOptions table={table} />
    </div>
  );
}
