"use client";

import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { fieldErrors } from "@/lib/action-result";
import type { ServiceSettings } from "@/lib/settings/service";
import { updateSettingsAction } from "./actions";

export function SettingsForm({ settings }: { settings: ServiceSettings }) {
  const [state, onSubmit, pending] = useFormAction(updateSettingsAction);
  const version = state?.ok ? state.data.version : settings.version;
  return (
    <form onSubmit={onSubmit} className="grid max-w-xl gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="version" value={version} />
      <Field
        label="Suppression threshold for published counts"
        name="statisticsThreshold"
        type="number"
        min={5}
        max={100}
        defaultValue={settings.statisticsThreshold}
        hint="Counts from 1 to one below this are shown as “<threshold”. Never below 5; 10 is the default."
        errors={fieldErrors(state, "statisticsThreshold")}
      />
      <Field
        label="k for research extracts"
        name="researchK"
        type="number"
        min={5}
        max={100}
        defaultValue={settings.researchK}
        hint="Every combination of age band, sex/gender, region, referral year and source must occur at least k times."
        errors={fieldErrors(state, "researchK")}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="supervisorsSeeService" defaultChecked={settings.supervisorsSeeService} className="size-4 accent-primary" />
        Supervisors may see reports and export statistics for the whole service (otherwise only for their own team)
      </label>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </Button>
      </div>
    </form>
  );
}
