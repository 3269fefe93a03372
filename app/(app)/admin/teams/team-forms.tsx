"use client";

import { Pencil } from "lucide-react";
import { useState } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import type { TeamRow } from "@/lib/accounts/queries";
import { fieldErrors } from "@/lib/action-result";
import { createTeamAction, renameTeamAction } from "./actions";

export function CreateTeamForm() {
  const [state, onSubmit, pending] = useFormAction(createTeamAction);
  return (
    <form onSubmit={onSubmit} className="grid gap-3" key={state?.ok ? JSON.stringify(state.data) : "new"}>
      <FormMessage state={state} />
      <div className="flex flex-wrap items-end gap-3">
        <Field label="Team name" name="name" required maxLength={200} className="w-full sm:w-72" errors={fieldErrors(state, "name")} />
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create team"}
        </Button>
      </div>
    </form>
  );
}

export function RenameTeamButton({ team }: { team: TeamRow }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Rename ${team.name}`}>
          <Pencil aria-hidden />
          Rename
        </Button>
      </DialogTrigger>
      <DialogContent>{open ? <RenameTeamForm team={team} onDone={() => setOpen(false)} /> : null}</DialogContent>
    </Dialog>
  );
}

function RenameTeamForm({ team, onDone }: { team: TeamRow; onDone: () => void }) {
  const [state, onSubmit, pending] = useFormAction(renameTeamAction);
  if (state?.ok) {
    onDone();
    return null;
  }
  return (
    <form onSubmit={onSubmit} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>Rename {team.name}</DialogTitle>
        <DialogDescription>Members stay in the team.</DialogDescription>
      </DialogHeader>
      <FormMessage state={state} />
      <input type="hidden" name="teamId" value={team.id} />
      <input type="hidden" name="version" value={team.version} />
      <Field label="Team name" name="name" defaultValue={team.name} required maxLength={200} errors={fieldErrors(state, "name")} />
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Rename"}
        </Button>
      </DialogFooter>
    </form>
  );
}
