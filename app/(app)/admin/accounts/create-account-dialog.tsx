"use client";

import { UserPlus } from "lucide-react";
import { useState } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { useFormAction } from "@/components/forms/use-form-action";
import { SelectField } from "@/components/forms/select-field";
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
import { fieldErrors } from "@/lib/action-result";
import { createAccountAction } from "./actions";
import { roleOptions } from "./options";
import { PasswordLink } from "./password-link";

export function CreateAccountDialog({ teams }: { teams: { value: string; label: string }[] }) {
  const [open, setOpen] = useState(false);
  const [attempt, setAttempt] = useState(0);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setAttempt((n) => n + 1);
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden />
          New account
        </Button>
      </DialogTrigger>
      <DialogContent>
        <CreateAccountForm key={attempt} teams={teams} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function CreateAccountForm({ teams, onDone }: { teams: { value: string; label: string }[]; onDone: () => void }) {
  const [state, onSubmit, pending] = useFormAction(createAccountAction);
  const [role, setRole] = useState("counsellor");
  const needsTeam = role === "counsellor" || role === "supervisor";

  if (state?.ok) {
    return (
      <>
        <DialogHeader>
          <DialogTitle>Account created</DialogTitle>
          <DialogDescription>Give this link to the new colleague so they can set their own password.</DialogDescription>
        </DialogHeader>
        <PasswordLink token={state.data.token} expiresAt={state.data.expiresAt} />
        <DialogFooter>
          <Button onClick={onDone}>Done</Button>
        </DialogFooter>
      </>
    );
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>New account</DialogTitle>
        <DialogDescription>Accounts are for professionals only. You will get a set-password link to hand over.</DialogDescription>
      </DialogHeader>
      <FormMessage state={state} />
      <Field label="Full name" name="name" required maxLength={200} autoComplete="off" errors={fieldErrors(state, "name")} />
      <Field label="Email" name="email" type="email" required maxLength={320} autoComplete="off" errors={fieldErrors(state, "email")} />
      <SelectField
        label="Role"
        name="role"
        options={roleOptions}
        value={role}
        onChange={(event) => setRole(event.target.value)}
        errors={fieldErrors(state, "role")}
      />
      {needsTeam ? (
        <SelectField
          label="Team"
          name="teamId"
          options={[{ value: "", label: "Choose a team" }, ...teams]}
          defaultValue=""
          errors={fieldErrors(state, "teamId")}
        />
      ) : (
        <input type="hidden" name="teamId" value="" />
      )}
      <DialogFooter>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create account"}
        </Button>
      </DialogFooter>
    </form>
  );
}
