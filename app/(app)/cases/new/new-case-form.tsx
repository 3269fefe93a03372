"use client";

import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SelectField } from "@/components/forms/select-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { fieldErrors } from "@/lib/action-result";
import { createCaseAction, findClientsAction } from "../actions";
import { CaseFields } from "../case-fields";
import { ClientFields } from "../client-fields";

type Found = Extract<Awaited<ReturnType<typeof findClientsAction>>, { ok: true }>["data"];

export function NewCaseForm({ counsellors }: { counsellors: { id: string; name: string }[] | null }) {
  const router = useRouter();
  const [state, onSubmit, pending] = useFormAction(createCaseAction);
  const [clientId, setClientId] = useState("");
  useEffect(() => {
    if (state?.ok) router.push(`/cases/${state.data.caseId}`);
  }, [state, router]);

  return (
    <form onSubmit={onSubmit} className="grid gap-6" noValidate>
      <FormMessage state={state?.ok ? null : state} />
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2>Client</h2>
          </CardTitle>
          <CardDescription>Identity details are kept apart from the case and shown only on request.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <ClientSearch selected={clientId} onSelect={setClientId} />
          <input type="hidden" name="clientId" value={clientId} />
          {clientId ? null : <ClientFields state={state} />}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2>Referral</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4">
          <CaseFields state={state} />
          {counsellors ? (
            <SelectField
              label="Counsellor"
              name="counsellorId"
              options={[{ value: "", label: "Choose…" }, ...counsellors.map((c) => ({ value: c.id, label: c.name }))]}
              defaultValue=""
              errors={fieldErrors(state, "counsellorId")}
            />
          ) : null}
        </CardContent>
      </Card>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create case"}
        </Button>
      </div>
    </form>
  );
}

function ClientSearch({ selected, onSelect }: { selected: string; onSelect: (id: string) => void }) {
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<Found | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const search = () => {
    const data = new FormData();
    data.set("q", query);
    startTransition(async () => {
      const result = await findClientsAction(null, data);
      setFound(result.ok ? result.data : null);
      setError(result.ok ? null : result.error);
    });
  };
  return (
    <div className="grid gap-2 rounded-md border border-dashed p-3">
      <Label htmlFor="client-search">Returning client? Search your cases by name or reference</Label>
      <div className="flex gap-2">
        <Input
          id="client-search"
          value={query}
          maxLength={200}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              search();
            }
          }}
        />
        <Button type="button" variant="outline" onClick={search} disabled={pending || query.trim().length < 2}>
          <Search aria-hidden />
          Search
        </Button>
      </div>
      {error ? <p className="text-sm text-destructive">{error}</p> : null}
      {found ? (
        found.length === 0 ? (
          <p className="text-sm text-muted-foreground">No client of yours matches. Enter the new client below.</p>
        ) : (
          <fieldset className="grid gap-1">
            <legend className="sr-only">Matching clients</legend>
            {found.map((client) => (
              <label key={client.id} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  className="accent-primary"
                  checked={selected === client.id}
                  onChange={() => onSelect(client.id)}
                />
                {client.name}
                {client.preferredName ? ` (“${client.preferredName}”)` : ""}
                {client.birthYear ? `, born ${client.birthYear}` : ""} · last case {client.latestReference}
              </label>
            ))}
            {selected ? (
              <Button type="button" variant="link" size="sm" className="justify-self-start px-0" onClick={() => onSelect("")}>
                A new client instead
              </Button>
            ) : null}
          </fieldset>
        )
      ) : null}
    </div>
  );
}
