import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/forms/field";
import { today } from "@/lib/dates";
import { presets, type Period, type Preset } from "@/lib/reports/period";
import { cn } from "@/lib/utils";

type Scope = "team" | "service";

/** The report's address: its scope and period live in the URL, so a report can be bookmarked. */
export const reportHref = (scope: Scope, period: Pick<Period, "preset" | "from" | "to">) =>
  `/reports?${scope === "service" ? "scope=service&" : ""}${period.preset ? `preset=${period.preset}` : `from=${period.from}&to=${period.to}`}`;

const choice = (current: boolean) =>
  cn("rounded-md border px-3 py-1.5 text-sm", current ? "border-primary bg-primary text-primary-foreground" : "hover:bg-accent");

/** Presets as links and a custom range as a GET form. */
export function PeriodForm({ period, scope }: { period: Period; scope: Scope }) {
  return (
    <div className="grid gap-3">
      <nav aria-label="Report period" className="flex flex-wrap gap-2">
        {(Object.keys(presets) as Preset[]).map((preset) => (
          <Link
            key={preset}
            href={reportHref(scope, { preset, from: "", to: "" })}
            aria-current={period.preset === preset ? "true" : undefined}
            className={choice(period.preset === preset)}
          >
            {presets[preset]}
          </Link>
        ))}
      </nav>
      <form method="get" action="/reports" className="flex flex-wrap items-end gap-3" aria-label="Custom period">
        {scope === "service" ? <input type="hidden" name="scope" value="service" /> : null}
        <Field label="From" name="from" type="date" max={today()} defaultValue={period.from} className="w-44" />
        <Field label="To" name="to" type="date" max={today()} defaultValue={period.to} className="w-44" />
        <Button type="submit" variant="outline">
          Show period
        </Button>
      </form>
    </div>
  );
}

/** Your team or the whole service, over the same period; offered only while an administrator allows the service scope. */
export function ScopeSwitch({ scope, period }: { scope: Scope; period: Period }) {
  return (
    <nav aria-label="Report scope" className="flex flex-wrap gap-2">
      {(["team", "service"] as const).map((option) => (
        <Link
          key={option}
          href={reportHref(option, period)}
          aria-current={scope === option ? "true" : undefined}
          className={choice(scope === option)}
        >
          {option === "team" ? "Your team" : "Whole service"}
        </Link>
      ))}
    </nav>
  );
}
