import type { FieldErrors } from "./errors";

export type ActionResult<T = unknown> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; fieldErrors?: FieldErrors };

export type FormState<T = unknown> = ActionResult<T> | null;

export function fieldErrors(state: FormState, field: string): string[] | undefined {
  return state && !state.ok ? state.fieldErrors?.[field] : undefined;
}
