import { fieldErrors, type FormState } from "@/lib/action-result";
import { Field } from "./field";

/** The new password and its confirmation, as every password form asks for them. */
export function NewPasswordFields({ state }: { state: FormState }) {
  return (
    <>
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="12 to 128 characters."
        errors={fieldErrors(state, "password")}
      />
      <Field
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={fieldErrors(state, "confirmPassword")}
      />
    </>
  );
}
