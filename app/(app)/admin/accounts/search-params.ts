import { createLoader } from "nuqs/server";
import { facetParser, tableParsers } from "@/components/data-table/search-params";

export const loadAccountSearchParams = createLoader({
  ...tableParsers,
  role: facetParser,
  status: facetParser,
  team: facetParser,
});
