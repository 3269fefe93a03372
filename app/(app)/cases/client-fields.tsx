import { Field } from "@/components/forms/field";
import { SelectField } from "@/components/forms/select-field";
import { Label } from "@/components/ui/label";
import { fieldErrors, type FormState } from "@/lib/action-result";
import { options, sexGenderLabels } from "@/lib/cases/labels";
import { today } from "@/lib/dates";

type ClientValues = {
  givenName?: string;
  familyName?: string | null;
  preferredName?: string | null;
  dateOfBirth?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  sexGender?: string;
  regionCode?: string | null;
  statsConsent?: boolean;
};

/** The client's identity fields, for a new client and for corrections to an existing one. */
export function ClientFields({ state, values = {} }: { state: FormState; values?: ClientValues }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field label="Given name" name="givenName" required maxLength={200} autoComplete="off" defaultValue={values.givenName ?? ""} errors={fieldErrors(state, "givenName")} />
      <Field label="Family name" name="familyName" maxLength={200} autoComplete="off" defaultValue={values.familyName ?? ""} errors={fieldErrors(state, "familyName")} />
      <Field
        label="Preferred name"
        name="preferredName"
        maxLength={200}
        autoComplete="off"
        defaultValue={values.preferredName ?? ""}
        hint="What they like to be called; shown on the case."
        errors={fieldErrors(state, "preferredName")}
      />
      <Field label="Date of birth" name="dateOfBirth" type="date" max={today()} defaultValue={values.dateOfBirth ?? ""} errors={fieldErrors(state, "dateOfBirth")} />
      <Field label="Phone" name="phone" type="tel" maxLength={40} autoComplete="off" defaultValue={values.phone ?? ""} errors={fieldErrors(state, "phone")} />
      <Field label="Email" name="email" type="email" maxLength={320} autoComplete="off" defaultValue={values.email ?? ""} errors={fieldErrors(state, "email")} />
      <Field label="Address" name="address" maxLength={500} autoComplete="off" className="sm:col-span-2" defaultValue={values.address ?? ""} errors={fieldErrors(state, "address")} />
      <SelectField label="Sex / gender" name="sexGender" options={options(sexGenderLabels)} defaultValue={values.sexGender ?? "not_stated"} errors={fieldErrors(state, "sexGender")} />
      <Field
        label="Region code"
        name="regionCode"
        maxLength={40}
        defaultValue={values.regionCode ?? ""}
        hint="For example JP-13. Never the address."
        errors={fieldErrors(state, "regionCode")}
      />
      <div className="flex items-center gap-2 sm:col-span-2">
        <input id="statsConsent" name="statsConsent" type="checkbox" defaultChecked={values.statsConsent ?? false} className="size-4 accent-primary" />
        <Label htmlFor="statsConsent">The client agrees to be counted in anonymised statistics</Label>
      </div>
    </div>
  );
}
