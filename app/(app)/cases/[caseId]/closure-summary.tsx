import { formatDay } from "@/lib/format";
import { changeLabels, type Change } from "@/lib/measures/scoring";
import { milestoneLabels } from "@/lib/milestones/labels";
import type { Milestone } from "@/db/schema";

export type Progress = {
  scores: { code: string; first: number; firstOn: string; latest: number; latestOn: string; change: Change | null }[];
  milestones: { milestone: Milestone; reachedOn: string }[];
};

/** What the case achieved, beside the closing form, so the outcome chosen matches the record. */
export function ClosureSummary({ progress }: { progress: Progress }) {
  return (
    <section aria-label="Progress on this case" className="grid gap-2 rounded-md border bg-muted/40 p-3 text-sm">
      <h3 className="font-medium">Before you choose an outcome</h3>
      {progress.scores.length ? (
        <ul className="grid gap-1">
          {progress.scores.map((s) => (
            <li key={s.code}>
              {s.code}: first {s.first} ({formatDay(s.firstOn)}), latest {s.latest} ({formatDay(s.latestOn)})
              {s.change ? ` — ${changeLabels[s.change].toLowerCase()}` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-muted-foreground">No measures recorded.</p>
      )}
      <p>
        {progress.milestones.length
          ? `Milestones reached: ${progress.milestones.map((m) => `${milestoneLabels[m.milestone]} (${formatDay(m.reachedOn)})`).join("; ")}.`
          : "No milestones recorded."}
      </p>
    </section>
  );
}
