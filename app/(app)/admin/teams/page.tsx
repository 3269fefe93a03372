import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listTeams } from "@/lib/accounts/queries";
import { requirePermission } from "@/lib/actor";
import { CreateTeamForm, RenameTeamButton } from "./team-forms";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const actor = await requirePermission("teams.manage", "/admin/teams");
  const teams = await listTeams(actor);
  return (
    <div className="mx-auto grid max-w-4xl gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Teams</h1>
        <p className="text-sm text-muted-foreground">
          Counsellors and the supervisors who oversee them. Supervisors see their own team&apos;s cases.
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2>New team</h2>
          </CardTitle>
          <CardDescription>Names are unique. Add people to a team from the accounts screen.</CardDescription>
        </CardHeader>
        <CardContent>
          <CreateTeamForm />
        </CardContent>
      </Card>
      <div role="region" aria-label="Teams" tabIndex={0} className="rounded-md border bg-card">
        <Table>
          <caption className="sr-only">Teams</caption>
          <TableHeader>
            <TableRow>
              <TableHead>Team</TableHead>
              <TableHead className="text-right">Active members</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {teams.length === 0 ? (
              <TableRow>
                <TableCell colSpan={3} className="h-20 text-center text-muted-foreground">
                  No teams yet. Create the first one above.
                </TableCell>
              </TableRow>
            ) : (
              teams.map((team) => (
                <TableRow key={team.id}>
                  <TableCell className="font-medium">{team.name}</TableCell>
                  <TableCell className="text-right tabular-nums">{team.members}</TableCell>
                  <TableCell className="text-right">
                    <RenameTeamButton team={team} />
                  </TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
