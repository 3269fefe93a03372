"use client";

import { FormMessage } from "@/components/forms/form-message";
import { SelectField } from "@/components/forms/select-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { fieldErrors } from "@/lib/action-result";
import { flagLabels, options } from "@/lib/cases/labels";
import type { CaseDetail } from "@/lib/cases/queries";
import { formatDateTime } from "@/lib/format";
import { raiseFlagAction, resolveFlagAction } from "../actions";

// Self-harm risk always comes first: it is the one to act on today.
const order = ["self_harm_risk", "safeguarding", "family_in_crisis", "other"];

export function FlagsPanel({ caseId, flags }: { caseId: string; flags: CaseDetail["flags"] }) {
  const [raiseState, onRaise, raising] = useFormAction(raiseFlagAction);
  const [resolveState, onResolve, resolving] = useFormAction(resolveFlagAction);
  const open = flags.filter((flag) => !flag.resolvedAt).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const resolved = flags.filter((flag) => flag.resolvedAt);
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2>Flags</h2>
        </CardTitle>
        <CardDescription>Concerns stay open until someone resolves them.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <FormMessage state={resolveState} />
        {open.length === 0 ? (
          <p className="text-sm text-muted-foreground">No open flags.</p>
        ) : (
          <ul className="grid gap-2">
            {open.map((flag) => (
              <li key={flag.id} className="flex items-center justify-between gap-2">
                <div>
                  <Badge variant={flag.kind === "self_harm_risk" ? "destructive" : "warning"}>{flagLabels[flag.kind]}</Badge>
                  <div className="mt-1 text-xs text-muted-foreground">
                    Raised {formatDateTime(new Date(flag.raisedAt))} by {flag.raisedBy}
                  </div>
                </div>
                <form onSubmit={onResolve}>
                  <input type="hidden" name="caseId" value={caseId} />
                  <input type="hidden" name="flagId" value={flag.id} />
                  <Button type="submit" size="sm" variant="outline" disabled={resolving} aria-label={`Resolve ${flagLabels[flag.kind]}`}>
                    Resolve
                  </Button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={onRaise} className="grid gap-2">
          <FormMessage state={raiseState?.ok ? null : raiseState} />
          <input type="hidden" name="caseId" value={caseId} />
          <SelectField label="Raise a flag" name="kind" options={options(flagLabels)} errors={fieldErrors(raiseState, "kind")} />
          <div>
            <Button type="submit" size="sm" disabled={raising}>
              {raising ? "Raising…" : "Raise flag"}
            </Button>
          </div>
        </form>
        {resolved.length ? (
          <details className="text-sm">
            <summary className="cursor-pointer text-primary">Resolved flags ({resolved.length})</summary>
            <ul className="mt-2 grid gap-1 text-muted-foreground">
              {resolved.map((flag) => (
                <li key={flag.id}>
                  {flagLabels[flag.kind]}: raised {formatDateTime(new Date(flag.raisedAt))}, resolved {formatDateTime(new Date(flag.resolvedAt!))}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </CardContent>
    </Card>
  );
}
