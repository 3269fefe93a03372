import type { Metadata } from "next";
import { requirePermission } from "@/lib/actor";
import { assignableCounsellors } from "@/lib/cases/queries";
import { NewCaseForm } from "./new-case-form";

export const metadata: Metadata = { title: "New case" };

export default async function NewCasePage() {
  const actor = await requirePermission("cases.create", "/cases/new");
  const counsellors = await assignableCounsellors(actor);
  return (
    <div className="mx-auto grid max-w-3xl gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">New case</h1>
        <p className="text-sm text-muted-foreground">
          One case is one episode of support. For someone you supported before, find them first so the new case joins
          their record.
        </p>
      </div>
      <NewCaseForm counsellors={actor.role === "supervisor" ? counsellors : null} />
    </div>
  );
}
