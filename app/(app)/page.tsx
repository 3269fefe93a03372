import type { Metadata } from "next";
import Link from "next/link";
import { navigationFor } from "@/components/shell/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { accountSummary, getOwnAccount } from "@/lib/accounts/queries";
import { roleLabels } from "@/lib/accounts/labels";
import { requireActor } from "@/lib/actor";
import { can } from "@/lib/policy";
import { formatDateTime } from "@/lib/format";
import { caseloadDashboard } from "@/lib/caseload/dashboard";
import { requestContext } from "@/lib/request";
import { CaseloadDashboard } from "./caseload-dashboard";

export const metadata: Metadata = { title: "Home" };

const screenDescriptions: Record<string, string> = {
  "/cases": "Your caseload: find a case, open it, or start a new one.",
  "/admin/factors": "The contributing-factor taxonomy counsellors tag cases with.",
  "/admin/accounts": "Create professional accounts, change roles and teams, issue set-password links.",
  "/admin/teams": "Create and rename the teams counsellors and supervisors belong to.",
  "/reviews": "Signed session notes of your team waiting for your review.",
  "/reports": "Your team's caseloads, factors, outcomes, milestones and closures over a period, with CSV downloads.",
  "/statistics": "Anonymised statistics for funders and research: preview every table, download CSV, XLSX or JSON.",
  "/admin/settings": "The statistics suppression threshold and who may publish service-wide figures.",
  "/admin/audit": "Search the audit trail of every sign-in, read, change and refusal; download it as CSV.",
  "/account": "Your details and your password.",
};

export default async function HomePage() {
  const actor = await requireActor();
  const account = await getOwnAccount(actor);
  const summary = can(actor, "accounts.manage") ? await accountSummary(actor) : null;
  const dashboard = can(actor, "cases.read") ? await caseloadDashboard(actor, await requestContext()) : null;
  const screens = navigationFor(actor).filter((item) => item.href !== "/");

  return (
    <div className="mx-auto grid max-w-5xl gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Welcome, {account.name}</h1>
        <p className="text-muted-foreground">
          {roleLabels[account.role]}
          {account.teamName ? ` · Team ${account.teamName}` : ""}
          {account.lastLoginAt ? ` · Signed in ${formatDateTime(account.lastLoginAt)}` : ""}
        </p>
      </div>

      {dashboard ? <CaseloadDashboard data={dashboard} supervising={actor.role === "supervisor"} /> : null}

{dashboard ? null : (
      <section aria-labelledby="screens-heading" className="grid gap-4 sm:grid-cols-2">
        <h2 id="screens-heading" className="sr-only">
          Your screens
        </h2>
        {screens.map((item) => (
          <Card key={item.href}>
            <CardHeader>
              <CardTitle asChild>
                <h3>
                  <Link href={item.href} className="hover:underline">
                    {item.label}
                  </Link>
                </h3>
              </CardTitle>
              <CardDescription>{screenDescriptions[item.href]}</CardDescription>
            </CardHeader>
          </Card>
        ))}
      </section>
      )}

      {summary ? (
        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h2>Accounts</h2>
            </CardTitle>
            <CardDescription>Active, deactivated and waiting for their owner to set a password.</CardDescription>
          </CardHeader>
          <CardContent>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Role</TableHead>
                  <TableHead className="text-right">Active</TableHead>
                  <TableHead className="text-right">Awaiting password</TableHead>
                  <TableHead className="text-right">Deactivated</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {summary.map((row) => (
                  <TableRow key={row.role}>
                    <TableCell>{roleLabels[row.role]}</TableCell>
                    <TableCell className="text-right tabular-nums">{row.active}</TableCell>
                    <TableCell className="text-right tabular-nums">{row.awaitingPassword}</TableCell>
                    <TableCell className="text-right tabular-nums">{row.deactivated}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
