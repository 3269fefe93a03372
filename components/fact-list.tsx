import { cn } from "@/lib/utils";

/** Label and value pairs, read out as a description list. */
export function FactList({ facts, className }: { facts: [string, React.ReactNode][]; className?: string }) {
  return (
    <dl className={cn("grid gap-3 sm:grid-cols-[10rem_1fr]", className)}>
      {facts.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-sm text-muted-foreground">{label}</dt>
          <dd className="text-sm">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
