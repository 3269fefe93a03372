"use client";

import { History, Star, X } from "lucide-react";
import { useState, useTransition } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { useFormAction } from "@/components/forms/use-form-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import type { ActionResult } from "@/lib/action-result";
import type { CaseDetail } from "@/lib/cases/queries";
import type { FactorCategory } from "@/lib/factors/queries";
import { formatDateTime } from "@/lib/format";
import { factorHistoryAction, setPrimaryFactorAction, tagFactorAction, untagFactorAction } from "../actions";

type FactorHistory = Awaited<ReturnType<typeof factorHistoryAction>>;

export function FactorsPanel({ caseId, factors, catalogue }: { caseId: string; factors: CaseDetail["factors"]; catalogue: FactorCategory[] }) {
  const [tagState, onTag, tagging] = useFormAction(tagFactorAction);
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [history, setHistory] = useState<FactorHistory | null>(null);
  const [pending, startTransition] = useTransition();
  const tagged = new Set(factors.map((f) => f.factorId));
  const byCategory = new Map<string, CaseDetail["factors"]>();
  for (const factor of factors) byCategory.set(factor.categoryName, [...(byCategory.get(factor.categoryName) ?? []), factor]);

  function run(action: typeof untagFactorAction, factorId: string) {
    const data = new FormData();
    data.set("caseId", caseId);
    data.set("factorId", factorId);
    startTransition(async () => setResult(await action(null, data)));
  }

  function loadHistory() {
    const data = new FormData();
    data.set("caseId", caseId);
    startTransition(async () => setHistory(await factorHistoryAction(null, data)));
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2>Contributing factors</h2>
        </CardTitle>
        <CardDescription>What is keeping this person withdrawn. Mark the main one as primary.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <FormMessage state={result} />
        {factors.length === 0 ? (
          <p className="text-sm text-muted-foreground">No factors tagged yet. Add what you have learned so far below.</p>
        ) : (
          <div className="grid gap-3">
            {[...byCategory.entries()].map(([category, items]) => (
              <div key={category}>
                <h3 className="mb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase">{category}</h3>
                <ul className="flex flex-wrap gap-2">
                  {items.map((factor) => (
                    <li key={factor.factorId}>
                      <Badge variant={factor.isPrimary ? "default" : "secondary"} className="gap-1 py-1 pr-1">
                        {factor.name}
                        {factor.isPrimary ? <span className="text-xs">(primary)</span> : null}
                        {factor.retired ? <span className="text-xs">(retired)</span> : null}
                        {factor.isPrimary ? null : (
                          <button
                            type="button"
                            className="rounded p-0.5 hover:bg-background/40"
                            aria-label={`Mark ${factor.name} as primary`}
                            disabled={pending}
                            onClick={() => run(setPrimaryFactorAction, factor.factorId)}
                          >
                            <Star className="size-3.5" aria-hidden />
                          </button>
                        )}
                        <button
                          type="button"
                          className="rounded p-0.5 hover:bg-background/40"
                          aria-label={`Remove ${factor.name}`}
                          disabled={pending}
                          onClick={() => run(untagFactorAction, factor.factorId)}
                        >
                          <X className="size-3.5" aria-hidden />
                        </button>
                      </Badge>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        )}
        <form onSubmit={onTag} className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="caseId" value={caseId} />
          <div className="grid min-w-64 flex-1 gap-2">
            <Label htmlFor="factorId">Add a factor</Label>
            <NativeSelect id="factorId" name="factorId" defaultValue="" key={factors.length}>
              <option value="" disabled>
                Choose a factor…
              </option>
              {catalogue.map((category) => (
                <optgroup key={category.id} label={category.name}>
                  {category.factors
                    .filter((factor) => !factor.retired && !tagged.has(factor.id))
                    .map((factor) => (
                      <option key={factor.id} value={factor.id}>
                        {factor.name}
                      </option>
                    ))}
                </optgroup>
              ))}
            </NativeSelect>
          </div>
          <Button type="submit" disabled={tagging}>
            {tagging ? "Adding…" : "Add"}
          </Button>
        </form>
        {tagState && !tagState.ok ? <FormMessage state={{ ...tagState, error: tagState.fieldErrors?.factorId?.[0] ?? tagState.error }} /> : null}
        <div>
          <Button variant="ghost" size="sm" onClick={loadHistory} disabled={pending}>
            <History aria-hidden />
            Show tagging history
          </Button>
          {history?.ok ? (
            <ul className="mt-2 grid gap-1 text-sm">
              {history.data.map((entry, index) => (
                <li key={index}>
                  <span className="font-medium">{entry.name}</span>{" "}
                  <span className="text-muted-foreground">
                    added {formatDateTime(new Date(entry.addedAt))} by {entry.addedBy}
                    {entry.removedAt ? `, removed ${formatDateTime(new Date(entry.removedAt))} by ${entry.removedBy}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          ) : history ? (
            <FormMessage state={history} />
          ) : null}
        </div>
      </CardContent>
    </Card>
  );
}
