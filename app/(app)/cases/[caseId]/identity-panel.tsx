"use client";

import { Eye, EyeOff } from "lucide-react";
import { useCallback, useEffect, useState, useTransition } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SelectField } from "@/components/forms/select-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { fieldErrors } from "@/lib/action-result";
import { options, relationshipLabels, sexGenderLabels } from "@/lib/cases/labels";
import { formatDay } from "@/lib/format";
import { addContactAction, revealIdentityAction, updateClientAction } from "../actions";
import { ClientFields } from "../client-fields";
import { FactList } from "@/components/fact-list";

type Revealed = Awaited<ReturnType<typeof revealIdentityAction>>;

/** Identity stays hidden until asked for; every reveal is written to the audit trail. */
export function IdentityPanel({ caseId }: { caseId: string }) {
  const [identity, setIdentity] = useState<Revealed | null>(null);
  const [pending, startTransition] = useTransition();
  const reveal = useCallback(() => {
    const data = new FormData();
    data.set("caseId", caseId);
    startTransition(async () => setIdentity(await revealIdentityAction(null, data)));
  }, [caseId]);
  return (
    <Card>
      <CardHeader className="flex flex-row items-start justify-between gap-2">
        <div className="grid gap-1.5">
          <CardTitle asChild>
            <h2>Identity and contacts</h2>
          </CardTitle>
          <CardDescription>Name, date of birth, contact details and family contacts. Showing them is recorded.</CardDescription>
        </div>
        {identity?.ok ? (
          <Button variant="outline" size="sm" onClick={() => setIdentity(null)}>
            <EyeOff aria-hidden />
            Hide
          </Button>
        ) : (
          <Button variant="outline" size="sm" onClick={reveal} disabled={pending}>
            <Eye aria-hidden />
            Show identity
          </Button>
        )}
      </CardHeader>
      {identity ? (
        <CardContent className="grid gap-4">
          {identity.ok ? <IdentityDetails caseId={caseId} identity={identity.data} onChanged={reveal} /> : <FormMessage state={identity} />}
        </CardContent>
      ) : null}
    </Card>
  );
}

function IdentityDetails({
  caseId,
  identity,
  onChanged,
}: {
  caseId: string;
  identity: Extract<Revealed, { ok: true }>["data"];
  onChanged: () => void;
}) {
  const rows: [string, string][] = [
    ["Name", [identity.givenName, identity.familyName].filter(Boolean).join(" ")],
    ["Preferred name", identity.preferredName ?? "—"],
    ["Date of birth", identity.dateOfBirth ? formatDay(identity.dateOfBirth) : "—"],
    ["Sex / gender", sexGenderLabels[identity.sexGender]],
    ["Region", identity.regionCode ?? "—"],
    ["Phone", identity.phone ?? "—"],
    ["Email", identity.email ?? "—"],
    ["Address", identity.address ?? "—"],
    ["Statistics consent", identity.statsConsent ? `Yes${identity.statsConsentDate ? `, since ${formatDay(identity.statsConsentDate)}` : ""}` : "No"],
  ];
  return (
    <>
      <FactList facts={rows} className="gap-2" />
      <div className="grid gap-2">
        <h3 className="text-sm font-medium">Family and support contacts</h3>
        {identity.contacts.length === 0 ? (
          <p className="text-sm text-muted-foreground">None recorded. Families are often the first contact: add them here.</p>
        ) : (
          <ul className="grid gap-1 text-sm">
            {identity.contacts.map((contact) => (
              <li key={contact.id}>
                <span className="font-medium">{contact.name}</span> ({relationshipLabels[contact.relationship]})
                {contact.phone ? ` · ${contact.phone}` : ""}
                {contact.email ? ` · ${contact.email}` : ""}
                {contact.mayContact ? "" : " · do not contact"}
              </li>
            ))}
          </ul>
        )}
      </div>
      <EditIdentityForm caseId={caseId} identity={identity} onSaved={onChanged} />
      <AddContactForm caseId={caseId} onAdded={onChanged} />
    </>
  );
}

function EditIdentityForm({
  caseId,
  identity,
  onSaved,
}: {
  caseId: string;
  identity: Extract<Revealed, { ok: true }>["data"];
  onSaved: () => void;
}) {
  const [state, onSubmit, pending] = useFormAction(updateClientAction);
  // Show the saved details (and their new version) as soon as the correction is stored.
  useEffect(() => {
    if (state?.ok) onSaved();
  }, [state, onSaved]);
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-primary">Correct identity details</summary>
      <form onSubmit={onSubmit} className="mt-3 grid gap-3" noValidate key={identity.version}>
        <FormMessage state={state} />
        <input type="hidden" name="caseId" value={caseId} />
        <input type="hidden" name="version" value={identity.version} />
        <ClientFields state={state} values={identity} />
        <div>
          <Button type="submit" size="sm" disabled={pending}>
            {pending ? "Saving…" : "Save identity"}
          </Button>
        </div>
      </form>
    </details>
  );
}

function AddContactForm({ caseId, onAdded }: { caseId: string; onAdded: () => void }) {
  const [state, onSubmit, pending] = useFormAction(addContactAction);
  // Reload the revealed details once the new contact is saved.
  useEffect(() => {
    if (state?.ok) onAdded();
  }, [state, onAdded]);
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-primary">Add a contact</summary>
      <form onSubmit={onSubmit} className="mt-3 grid gap-3 sm:grid-cols-2" key={state?.ok ? "saved" : "editing"}>
        <FormMessage state={state} />
        <input type="hidden" name="caseId" value={caseId} />
        <SelectField label="Relationship" name="relationship" id="contact-relationship" options={options(relationshipLabels)} errors={fieldErrors(state, "relationship")} />
        <Field label="Name" name="name" id="contact-name" required maxLength={200} errors={fieldErrors(state, "name")} />
        <Field label="Phone" name="phone" id="contact-phone" type="tel" maxLength={40} errors={fieldErrors(state, "phone")} />
        <Field label="Email" name="email" id="contact-email" type="email" maxLength={320} errors={fieldErrors(state, "email")} />
        <div className="flex items-center gap-2">
          <input id="mayContact" name="mayContact" type="checkbox" defaultChecked className="size-4 accent-primary" />
          <Label htmlFor="mayContact">May be contacted</Label>
        </div>
        <div>
          <Button type="submit" size="sm" disabled={pending}>
            {pending ? "Adding…" : "Add contact"}
          </Button>
        </div>
      </form>
    </details>
  );
}
