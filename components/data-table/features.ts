import {
  columnVisibilityFeature,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  type ColumnDef,
  type Column,
  type ReactTable,
  type RowData,
} from "@tanstack/react-table";

/** Server-side tables: the database sorts and pages; the table only renders and reports intent. */
export const serverTableFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnVisibilityFeature,
});

export type ServerFeatures = typeof serverTableFeatures;
export type ServerColumnDef<TData extends RowData> = ColumnDef<ServerFeatures, TData, unknown>;
export type ServerColumn<TData extends RowData, TValue = unknown> = Column<ServerFeatures, TData, TValue>;
export type ServerTable<TData extends RowData> = ReactTable<ServerFeatures, TData>;
