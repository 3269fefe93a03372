import { Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import type { SearchParams } from "nuqs/server";
import { Button } from "@/components/ui/button";
import { requirePermission } from "@/lib/actor";
import { hasContactData, listCases } from "@/lib/cases/list";
import { assignableCounsellors } from "@/lib/cases/queries";
import { factorCatalogue } from "@/lib/factors/queries";
import { requestContext } from "@/lib/request";
import { CasesTable } from "./cases-table";
import { loadCaseSearchParams } from "./search-params";

export const metadata: Metadata = { title: "Cases" };

export default async function CasesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("cases.read", "/cases");
  const params = loadCaseSearchParams(await searchParams);
  const [result, catalogue, counsellors, contactData] = await Promise.all([
    listCases(actor, { ...params, sort: params.sort || undefined, dir: params.sort ? params.dir : undefined }, await requestContext()),
    factorCatalogue(actor),
    assignableCounsellors(actor),
    hasContactData(actor),
  ]);
  const factorOptions = catalogue.flatMap((category) =>
    category.factors.map((factor) => ({ value: factor.id, label: factor.name, group: category.name })),
  );
  return (
    <div className="mx-auto grid max-w-7xl gap-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Cases</h1>
          <p className="text-sm text-muted-foreground">
            {actor.role === "supervisor" ? "Every case of your team." : "The cases assigned to you."}
          </p>
        </div>
        <Button asChild>
          <Link href="/cases/new">
            <Plus aria-hidden />
            New case
          </Link>
        </Button>
      </div>
      <CasesTable
        rows={result.rows}
        total={result.total}
        factorOptions={factorOptions}
        counsellorOptions={counsellors.map((c) => ({ value: c.id, label: c.name }))}
        showNoContact={contactData}
        filtered={Boolean(params.q || params.noContact || [params.status, params.risk, params.factor, params.counsellor].some((list) => list.length))}
      />
    </div>
  );
}
