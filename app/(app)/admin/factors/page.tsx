import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/actor";
import { factorCatalogue, factorUsage } from "@/lib/factors/queries";
import { AddFactorForm, FactorRow } from "./factor-forms";

export const metadata: Metadata = { title: "Contributing factors" };

export default async function FactorsPage() {
  const actor = await requirePermission("factors.manage", "/admin/factors");
  const [catalogue, usage] = await Promise.all([factorCatalogue(actor), factorUsage(actor)]);
  return (
    <div className="mx-auto grid max-w-4xl gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Contributing factors</h1>
        <p className="text-sm text-muted-foreground">
          The taxonomy counsellors tag cases with. Retiring a factor hides it from new tagging; cases that carry it keep it.
        </p>
      </div>
      {catalogue.map((category) => (
        <Card key={category.id}>
          <CardHeader>
            <CardTitle asChild>
              <h2>{category.name}</h2>
            </CardTitle>
            <CardDescription>{category.factors.filter((f) => !f.retired).length} in use for new cases</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-3">
            <ul className="grid divide-y">
              {category.factors.map((factor) => (
                <FactorRow key={factor.id} factor={factor} openTags={usage.get(factor.id) ?? 0} />
              ))}
            </ul>
            <AddFactorForm categoryId={category.id} categoryName={category.name} />
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
