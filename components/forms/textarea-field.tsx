import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";
import { FieldError } from "./field";

type TextareaFieldProps = React.ComponentProps<typeof Textarea> & {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
};

/** A labelled multi-line field whose server-side errors sit beside it and are announced with it. */
export function TextareaField({ label, name, errors, hint, className, id, hidden, ...props }: TextareaFieldProps) {
  const fieldId = id ?? name;
  const describedBy = [hint ? `${fieldId}-hint` : null, errors?.length ? `${fieldId}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={cn("grid gap-2", className)} hidden={hidden}>
      <Label htmlFor={fieldId}>{label}</Label>
      {hint ? (
        <p id={`${fieldId}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      <Textarea
        id={fieldId}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...props}
      />
      <FieldError id={`${fieldId}-error`} errors={errors} />
    </div>
  );
}
