"use client";

import { KeyRound, MoreHorizontal, Pencil, Power } from "lucide-react";
import { useState } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SelectField } from "@/components/forms/select-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { AccountRow } from "@/lib/accounts/queries";
import { fieldErrors } from "@/lib/action-result";
import { issuePasswordLinkAction, setAccountStatusAction, updateAccountAction } from "./actions";
import { roleOptions } from "./options";
import { PasswordLink } from "./password-link";

type TeamOption = { value: string; label: string };
type Panel = "edit" | "link" | "status" | null;

export function AccountRowActions({ account, teams, isSelf }: { account: AccountRow; teams: TeamOption[]; isSelf: boolean }) {
  const [panel, setPanel] = useState<Panel>(null);
  const close = () => setPanel(null);
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" className="size-8" aria-label={`Actions for ${account.name}`}>
            <MoreHorizontal aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem onSelect={() => setPanel("edit")}>
            <Pencil aria-hidden />
            Edit
          </DropdownMenuItem>
          {account.status === "active" ? (
            <DropdownMenuItem onSelect={() => setPanel("link")}>
              <KeyRound aria-hidden />
              {account.hasPassword ? "Reset password" : "New set-password link"}
            </DropdownMenuItem>
          ) : null}
          {isSelf ? null : (
            <DropdownMenuItem onSelect={() => setPanel("status")} variant={account.status === "active" ? "destructive" : "default"}>
              <Power aria-hidden />
              {account.status === "active" ? "Deactivate" : "Reactivate"}
            </DropdownMenuItem>
          )}
        </DropdownMenuContent>
      </DropdownMenu>
      <Dialog open={panel !== null} onOpenChange={(open) => !open && close()}>
        <DialogContent>
          {panel === "edit" ? <EditAccountForm account={account} teams={teams} isSelf={isSelf} onDone={close} /> : null}
          {panel === "link" ? <PasswordLinkPanel account={account} onDone={close} /> : null}
          {panel === "status" ? <StatusPanel account={account} onDone={close} /> : null}
        </DialogContent>
      </Dialog>
    </>
  );
}

function EditAccountForm({ account, teams, isSelf, onDone }: { account: AccountRow; teams: TeamOption[]; isSelf: boolean; onDone: () => void }) {
  const [state, onSubmit, pending] = useFormAction(updateAccountAction);
  const [role, setRole] = useState<string>(account.role);
  const needsTeam = role === "counsellor" || role === "supervisor";
  if (state?.ok) {
    return <Done title="Account updated" text="A change of role or team signs the person out of their open sessions." onDone={onDone} />;
  }
  return (
    <form onSubmit={onSubmit} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>Edit {account.name}</DialogTitle>
        <DialogDescription>{account.email}</DialogDescription>
      </DialogHeader>
      <FormMessage state={state} />
      <input type="hidden" name="accountId" value={account.id} />
      <input type="hidden" name="version" value={account.version} />
      <Field label="Full name" name="name" defaultValue={account.name} required maxLength={200} errors={fieldErrors(state, "name")} />
      <SelectField
        label="Role"
        name="role"
        options={roleOptions}
        value={role}
        disabled={isSelf}
        onChange={(event) => setRole(event.target.value)}
        errors={fieldErrors(state, "role")}
      />
      {isSelf ? <input type="hidden" name="role" value={role} /> : null}
      {needsTeam ? (
        <SelectField
          label="Team"
          name="teamId"
          options={[{ value: "", label: "Choose a team" }, ...teams]}
          defaultValue={account.teamId ?? ""}
          errors={fieldErrors(state, "teamId")}
        />
      ) : (
        <input type="hidden" name="teamId" value="" />
      )}
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
      </DialogFooter>
    </form>
  );
}

function PasswordLinkPanel({ account, onDone }: { account: AccountRow; onDone: () => void }) {
  const [state, onSubmit, pending] = useFormAction(issuePasswordLinkAction);
  if (state?.ok) {
    return (
      <>
        <DialogHeader>
          <DialogTitle>Link for {account.name}</DialogTitle>
          <DialogDescription>Any earlier link for this account no longer works.</DialogDescription>
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
        <DialogTitle>{account.hasPassword ? `Reset the password of ${account.name}?` : `New set-password link for ${account.name}`}</DialogTitle>
        <DialogDescription>
          {account.hasPassword
            ? "Their current password stops working and they are signed out everywhere now. They choose a new password with the link."
            : "Any earlier link stops working. The new one works once, for 24 hours."}
        </DialogDescription>
      </DialogHeader>
      <FormMessage state={state} />
      <input type="hidden" name="accountId" value={account.id} />
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Issuing…" : "Issue link"}
        </Button>
      </DialogFooter>
    </form>
  );
}

function StatusPanel({ account, onDone }: { account: AccountRow; onDone: () => void }) {
  const [state, onSubmit, pending] = useFormAction(setAccountStatusAction);
  const deactivating = account.status === "active";
  if (state?.ok) {
    return <Done title={deactivating ? "Account deactivated" : "Account reactivated"} text={state.message ?? ""} onDone={onDone} />;
  }
  return (
    <form onSubmit={onSubmit} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>{deactivating ? `Deactivate ${account.name}?` : `Reactivate ${account.name}?`}</DialogTitle>
        <DialogDescription>
          {deactivating
            ? "They are signed out at once and cannot sign in until an administrator reactivates the account. Nothing they recorded is removed."
            : "They can sign in again with their existing password."}
        </DialogDescription>
      </DialogHeader>
      <FormMessage state={state} />
      <input type="hidden" name="accountId" value={account.id} />
      <input type="hidden" name="version" value={account.version} />
      <input type="hidden" name="status" value={deactivating ? "deactivated" : "active"} />
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" variant={deactivating ? "destructive" : "default"} disabled={pending}>
          {pending ? "Saving…" : deactivating ? "Deactivate" : "Reactivate"}
        </Button>
      </DialogFooter>
    </form>
  );
}

function Done({ title, text, onDone }: { title: string; text: string; onDone: () => void }) {
  return (
    <>
      <DialogHeader>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>{text}</DialogDescription>
      </DialogHeader>
      <DialogFooter>
        <Button onClick={onDone}>Close</Button>
      </DialogFooter>
    </>
  );
}
