"use client";

import { TriangleAlert } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Field, FieldError } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SelectField } from "@/components/forms/select-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { fieldErrors } from "@/lib/action-result";
import { today } from "@/lib/dates";
import { instrumentFor, instruments } from "@/lib/measures/instruments";
import { recordMeasureAction } from "./actions";

export type Correcting = { id: string; instrument: string; administeredOn: string };

/** Records a result: every item of the chosen instrument, or its total where that is allowed. */
export function MeasureForm({ caseId, referralDate, correcting }: { caseId: string; referralDate: string; correcting?: Correcting }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [state, onSubmit, pending] = useFormAction(recordMeasureAction);
  const [code, setCode] = useState(correcting?.instrument ?? "PHQ9");
  const instrument = instrumentFor(code)!;
  const errors = (name: string) => fieldErrors(state, name);

  useEffect(() => {
    if (!state?.ok) return;
    form.current?.reset();
    if (correcting) router.replace(`/cases/${caseId}/outcomes`);
  }, [state, correcting, caseId, router]);

  return (
    <form ref={form} onSubmit={onSubmit} noValidate className="grid gap-4" aria-label="Record a measure">
      <FormMessage state={state} />
      {state?.ok && state.data.selfHarmFlag ? (
        <Alert variant="destructive" role="alert">
          <TriangleAlert aria-hidden />
          <AlertTitle>PHQ-9 item 9 was answered above 0</AlertTitle>
          <AlertDescription>
            {state.data.selfHarmFlag === "raised" ? "A self-harm risk flag has been raised on this case. " : "The case already has an open self-harm risk flag. "}
            Follow your service&apos;s safety procedure now: ask directly about thoughts of suicide or self-harm and any plans, agree
            immediate safety steps, and tell your supervisor today.
          </AlertDescription>
        </Alert>
      ) : null}
      <input type="hidden" name="caseId" value={caseId} />
      {correcting ? <input type="hidden" name="supersedes" value={correcting.id} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        {correcting ? (
          <input type="hidden" name="instrument" value={code} />
        ) : (
          <SelectField
            label="Instrument"
            name="instrument"
            options={instruments.map((i) => ({ value: i.code, label: i.name }))}
            value={code}
            onChange={(event) => setCode(event.target.value)}
            errors={errors("instrument")}
          />
        )}
        <Field
          label="Date administered"
          name="administeredOn"
          type="date"
          min={referralDate}
          max={today()}
          defaultValue={correcting?.administeredOn ?? today()}
          required
          errors={errors("administeredOn")}
        />
      </div>
      {correcting ? (
        <Field label="Reason for the correction" name="correctionReason" maxLength={500} required errors={errors("correctionReason")} />
      ) : null}
      {instrument.stem ? <p className="text-sm text-muted-foreground">{instrument.stem}</p> : null}

      {instrument.totalOnly ? (
        <div className="grid gap-4 sm:grid-cols-4" key={code}>
          <Field
            label={`Total (${instrument.total.min}–${instrument.total.max})`}
            name="total"
            type="number"
            min={instrument.total.min}
            max={instrument.total.max}
            required
            errors={errors("total")}
          />
          {instrument.subscales.map((subscale) => (
            <Field
              key={subscale.code}
              id={`subscale-${subscale.code}`}
              label={`${subscale.label} (${subscale.min}–${subscale.max}, optional)`}
              name={`subscale.${subscale.code}`}
              type="number"
              min={subscale.min}
              max={subscale.max}
              errors={errors(`subscale.${subscale.code}`)}
            />
          ))}
        </div>
      ) : (
        <ol className="grid gap-3" key={code}>
          {instrument.items.map((item, index) => {
            const name = `item${index + 1}`;
            return (
              <li key={name}>
                <fieldset className="grid gap-2 rounded-md border p-3" aria-describedby={errors(name) ? `${name}-error` : undefined}>
                  <legend className="px-1 text-sm font-medium">
                    {index + 1}. {item.text}
                  </legend>
                  <div className="flex flex-wrap gap-x-4 gap-y-1">
                    {item.options.map((option) => (
                      <label key={option.value} className="flex items-center gap-2 text-sm">
                        <input type="radio" name={name} value={option.value} required className="size-4 accent-primary" />
                        {option.label}
                        <span className="text-xs text-muted-foreground">({option.value})</span>
                      </label>
                    ))}
                  </div>
                  <FieldError id={`${name}-error`} errors={errors(name)} />
                </fieldset>
              </li>
            );
          })}
        </ol>
      )}
      <FieldError id="items-error" errors={errors("items")} />
      <div className="flex gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Recording…" : correcting ? "Record the corrected result" : "Record result"}
        </Button>
        {correcting ? (
          <Button type="button" variant="outline" onClick={() => router.replace(`/cases/${caseId}/outcomes`)}>
            Cancel correction
          </Button>
        ) : null}
      </div>
    </form>
  );
}
