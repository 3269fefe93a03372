import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/forms/field";
import { today } from "@/lib/dates";
import { presets, type Period, type Preset } from "@/lib/reports/period";
import { cn } from "@/lib/utils";

/** Presets as links and a custom range as a GET form: the period lives in the URL, so a report can be bookmarked. */
export function PeriodForm({ period }: { period: Period }) {
  return (
    <div className="grid gap-3">
      <nav aria-label="Report period" className="flex flex-wrap gap-2">
        {(Object.keys(presets) as Preset[]).map((preset) => (
          <Link
            key={preset}
            href={`/reports?preset=${preset}`}
            aria-current={period.preset === preset ? "true" : undefined}
            className={cn(
              "rounded-md border px-3 py-1.5 text-sm",
              period.preset === preset ? "border-primary bg-primary text-primary-foreground" : "hover:bg-accent",
            )}
          >
            {presets[preset]}
          </Link>
        ))}
      </nav>
      <form method="get" action="/reports" className="flex flex-wrap items-end gap-3" aria-label="Custom period">
        <Field label="From" name="from" type="date" max={today()} defaultValue={period.from} className="w-44" />
        <Field label="To" name="to" type="date" max={today()} defaultValue={period.to} className="w-44" />
        <Button type="submit" variant="outline">
          Show period
        </Button>
      </form>
    </div>
  );
}
