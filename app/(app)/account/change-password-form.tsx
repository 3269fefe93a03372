"use client";

import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { fieldErrors } from "@/lib/action-result";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm() {
  const [state, onSubmit, pending] = useFormAction(changePasswordAction);
  return (
    <form onSubmit={onSubmit} className="grid max-w-md gap-4" key={state?.ok ? "done" : "editing"}>
      <FormMessage state={state} />
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={fieldErrors(state, "currentPassword")}
      />
      <NewPasswordFields state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Change password"}
        </Button>
      </div>
    </form>
  );
}
