import { Field } from "@/components/forms/field";
import { SelectField } from "@/components/forms/select-field";
import { fieldErrors, type FormState } from "@/lib/action-result";
import { livingSituationLabels, options, referralSourceLabels, riskLabels } from "@/lib/cases/labels";
import { today } from "@/lib/dates";

type CaseValues = {
  referralSource?: string;
  referralDate?: string;
  withdrawalOnset?: string | null;
  livingSituation?: string | null;
  riskLevel?: string;
};

/** The fields of a case shared by "new case" and "edit details". */
export function CaseFields({ state, values = {} }: { state: FormState; values?: CaseValues }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField
        label="Referral source"
        name="referralSource"
        options={[{ value: "", label: "Choose…" }, ...options(referralSourceLabels)]}
        defaultValue={values.referralSource ?? ""}
        required
        errors={fieldErrors(state, "referralSource")}
      />
      <Field
        label="Referral date"
        name="referralDate"
        type="date"
        max={today()}
        defaultValue={values.referralDate ?? today()}
        required
        errors={fieldErrors(state, "referralDate")}
      />
      <Field
        label="Withdrawal began (month)"
        name="withdrawalOnset"
        type="month"
        max={today().slice(0, 7)}
        defaultValue={values.withdrawalOnset?.slice(0, 7) ?? ""}
        hint="Used for the duration of withdrawal; leave empty if not known."
        errors={fieldErrors(state, "withdrawalOnset")}
      />
      <SelectField
        label="Living situation"
        name="livingSituation"
        options={[{ value: "", label: "Not recorded" }, ...options(livingSituationLabels)]}
        defaultValue={values.livingSituation ?? ""}
        errors={fieldErrors(state, "livingSituation")}
      />
      <SelectField
        label="Risk level"
        name="riskLevel"
        options={options(riskLabels)}
        defaultValue={values.riskLevel ?? "low"}
        errors={fieldErrors(state, "riskLevel")}
      />
    </div>
  );
}
