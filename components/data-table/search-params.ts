import { parseAsArrayOf, parseAsInteger, parseAsString, parseAsStringLiteral } from "nuqs/server";

/** Page, sort and search of a server-side table: the URL holds them, so a view can be bookmarked. */
export const tableParsers = {
  page: parseAsInteger.withDefault(1),
  perPage: parseAsInteger.withDefault(25),
  sort: parseAsString.withDefault(""),
  dir: parseAsStringLiteral(["asc", "desc"] as const).withDefault("asc"),
  q: parseAsString.withDefault(""),
};

export const facetParser = parseAsArrayOf(parseAsString).withDefault([]);

export const PAGE_SIZES = [10, 25, 50, 100] as const;
