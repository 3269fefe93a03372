"use client";

import Link from "next/link";
import { useSyncExternalStore } from "react";
import { FieldError } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { fieldErrors } from "@/lib/action-result";
import { setPasswordAction } from "./actions";

// The token travels in the URL fragment, which browsers never send to the server or to logs.
const readToken = () => window.location.hash.replace(/^#/, "");
const subscribe = (onChange: () => void) => {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
};

export function SetPasswordForm() {
  const token = useSyncExternalStore(subscribe, readToken, () => "");
  const [state, onSubmit, pending] = useFormAction(setPasswordAction);

  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h1>Set your password</h1>
        </CardTitle>
        <CardDescription>
          Choose a password of 12 to 128 characters. A few unrelated words make a strong one that is easy to type.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {state?.ok ? (
          <div className="grid gap-4">
            <FormMessage state={state} />
            <Button asChild>
              <Link href="/login">Go to sign in</Link>
            </Button>
          </div>
        ) : (
          <form onSubmit={onSubmit} className="grid gap-4">
            <FormMessage state={state} />
            <input type="hidden" name="token" value={token} />
            <FieldError id="token-error" errors={fieldErrors(state, "token")} />
            <NewPasswordFields state={state} />
            <Button type="submit" disabled={pending || !token}>
              {pending ? "Saving…" : "Set password"}
            </Button>
          </form>
        )}
      </CardContent>
    </Card>
  );
}
