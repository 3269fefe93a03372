"use client";

import { useState } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { useFormAction } from "@/components/forms/use-form-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { fieldErrors } from "@/lib/action-result";
import type { Factor } from "@/lib/factors/queries";
import { createFactorAction, renameFactorAction, retireFactorAction } from "./actions";

export function FactorRow({ factor, openTags }: { factor: Factor; openTags: number }) {
  const [editing, setEditing] = useState(false);
  const [retireState, onRetire, retiring] = useFormAction(retireFactorAction);
  return (
    <li className="grid gap-2 py-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-2">
          <span className={factor.retired ? "text-muted-foreground line-through" : "font-medium"}>{factor.name}</span>
          {factor.retired ? <Badge variant="outline">Retired</Badge> : null}
          <span className="text-xs text-muted-foreground">{openTags} open {openTags === 1 ? "tag" : "tags"}</span>
        </div>
        <div className="flex gap-2">
          <Button variant="ghost" size="sm" onClick={() => setEditing((value) => !value)} aria-expanded={editing}>
            Rename
          </Button>
          <form onSubmit={onRetire}>
            <input type="hidden" name="factorId" value={factor.id} />
            <input type="hidden" name="version" value={factor.version} />
            <input type="hidden" name="retired" value={factor.retired ? "false" : "true"} />
            <Button type="submit" variant="outline" size="sm" disabled={retiring}>
              {factor.retired ? "Restore" : "Retire"}
            </Button>
          </form>
        </div>
      </div>
      <FormMessage state={retireState?.ok ? null : retireState} />
      {editing ? <RenameForm factor={factor} onDone={() => setEditing(false)} /> : null}
    </li>
  );
}

function RenameForm({ factor, onDone }: { factor: Factor; onDone: () => void }) {
  const [state, onSubmit, pending] = useFormAction(renameFactorAction);
  if (state?.ok) {
    onDone();
    return null;
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2">
      <FormMessage state={state} />
      <input type="hidden" name="factorId" value={factor.id} />
      <input type="hidden" name="version" value={factor.version} />
      <Field label={`New name for ${factor.name}`} name="name" defaultValue={factor.name} required maxLength={200} className="min-w-64 flex-1" errors={fieldErrors(state, "name")} />
      <Button type="submit" size="sm" disabled={pending}>
        Save
      </Button>
    </form>
  );
}

export function AddFactorForm({ categoryId, categoryName }: { categoryId: string; categoryName: string }) {
  const [state, onSubmit, pending] = useFormAction(createFactorAction);
  return (
    <form onSubmit={onSubmit} className="grid gap-2" key={state?.ok ? JSON.stringify(state.data) : "new"}>
      <FormMessage state={state} />
      <input type="hidden" name="categoryId" value={categoryId} />
      <div className="flex flex-wrap items-end gap-2">
        <Field label={`New factor in ${categoryName}`} name="name" id={`new-factor-${categoryId}`} required maxLength={200} className="min-w-64 flex-1" errors={fieldErrors(state, "name")} />
        <Button type="submit" size="sm" disabled={pending}>
          Add
        </Button>
      </div>
    </form>
  );
}
