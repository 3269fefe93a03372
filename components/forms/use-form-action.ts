"use client";

import { startTransition, useActionState } from "react";
import type { ActionResult, FormState } from "@/lib/action-result";

/**
 * useActionState without React's automatic form reset: a refused submission keeps everything
 * the person typed, so bad input never costs them their work.
 */
export function useFormAction<T>(action: (previous: FormState<T>, formData: FormData) => Promise<ActionResult<T>>) {
  const [state, dispatch, pending] = useActionState(action, null);
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  };
  return [state, onSubmit, pending] as const;
}
