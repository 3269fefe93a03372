import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getOwnAccount } from "@/lib/accounts/queries";
import { roleLabels } from "@/lib/accounts/labels";
import { requireActor } from "@/lib/actor";
import { formatDateTime } from "@/lib/format";
import { ChangePasswordForm } from "./change-password-form";
import { FactList } from "@/components/fact-list";

export const metadata: Metadata = { title: "My account" };

export default async function AccountPage() {
  const actor = await requireActor();
  const account = await getOwnAccount(actor);
  const details: [string, string][] = [
    ["Name", account.name],
    ["Email", account.email],
    ["Role", roleLabels[account.role]],
    ["Team", account.teamName ?? "—"],
    ["Last sign-in", account.lastLoginAt ? formatDateTime(account.lastLoginAt) : "—"],
  ];
  return (
    <div className="mx-auto grid max-w-3xl gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">My account</h1>
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2>Your details</h2>
          </CardTitle>
          <CardDescription>An administrator changes these for you.</CardDescription>
        </CardHeader>
        <CardContent>
          <FactList facts={details} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2>Change password</h2>
          </CardTitle>
          <CardDescription>
            12 to 128 characters. Common passwords, the service name and your email address are refused.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm />
        </CardContent>
      </Card>
    </div>
  );
}
