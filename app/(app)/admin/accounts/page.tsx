import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { listAccounts, listTeams } from "@/lib/accounts/queries";
import { requirePermission } from "@/lib/actor";
import { requestContext } from "@/lib/request";
import { AccountsTable } from "./accounts-table";
import { CreateAccountDialog } from "./create-account-dialog";
import { loadAccountSearchParams } from "./search-params";

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("accounts.manage", "/admin/accounts");
  const params = loadAccountSearchParams(await searchParams);
  const [result, teams] = await Promise.all([
    listAccounts(actor, { ...params, sort: params.sort || undefined }, await requestContext()),
    listTeams(actor),
  ]);
  const teamOptions = teams.map((team) => ({ value: team.id, label: team.name }));
  return (
    <div className="mx-auto grid max-w-6xl gap-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Accounts</h1>
          <p className="text-sm text-muted-foreground">
            Professional accounts. New accounts get a single-use link to set their own password.
          </p>
        </div>
        <CreateAccountDialog teams={teamOptions} />
      </div>
      <AccountsTable rows={result.rows} total={result.total} teams={teamOptions} currentAccountId={actor.id} />
    </div>
  );
}
