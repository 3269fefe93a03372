import { CircleCheck, TriangleAlert } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import type { FormState } from "@/lib/action-result";

/** The summary line of a submitted form: the error, or the success message if there is one. */
export function FormMessage({ state }: { state: FormState }) {
  if (!state) return null;
  if (!state.ok) {
    return (
      <Alert variant="destructive" role="alert">
        <TriangleAlert aria-hidden />
        <AlertDescription>{state.error}</AlertDescription>
      </Alert>
    );
  }
  if (!state.message) return null;
  return (
    <Alert role="status">
      <CircleCheck aria-hidden />
      <AlertDescription>{state.message}</AlertDescription>
    </Alert>
  );
}
