import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { FieldError } from "./field";

export function SelectField({
  label,
  name,
  options,
  errors,
  ...props
}: React.ComponentProps<typeof NativeSelect> & {
  label: string;
  name: string;
  options: { value: string; label: string }[];
  errors?: string[];
}) {
  const id = props.id ?? name;
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        {...props}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </NativeSelect>
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}
