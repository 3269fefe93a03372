import { createLoader, parseAsBoolean } from "nuqs/server";
import { facetParser, tableParsers } from "@/components/data-table/search-params";

export const caseSearchParams = {
  ...tableParsers,
  status: facetParser,
  risk: facetParser,
  factor: facetParser,
  counsellor: facetParser,
  noContact: parseAsBoolean.withDefault(false),
};

export const loadCaseSearchParams = createLoader(caseSearchParams);
