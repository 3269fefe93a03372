import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { caseloadDashboard } from "@/lib/caseload/dashboard";
import { flagLabels, statusLabels } from "@/lib/cases/labels";
import { formatDateTime, formatDay } from "@/lib/format";
import { activityLabels } from "@/lib/caseload/activity";
import { modalityLabels } from "@/lib/notes/labels";

type Dashboard = Awaited<ReturnType<typeof caseloadDashboard>>;


function Panel({ title, description, empty, children, count }: { title: string; description: string; empty: string; children: React.ReactNode[]; count?: number }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2>
            {title}
            {count !== undefined ? <span className="ml-2 text-sm font-normal text-muted-foreground">({count})</span> : null}
          </h2>
        </CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>
        {children.length === 0 ? <p className="text-sm text-muted-foreground">{empty}</p> : <ul className="grid gap-2 text-sm">{children}</ul>}
      </CardContent>
    </Card>
  );
}

const caseLink = (caseId: string, text: string, path = "") => (
  <Link href={`/cases/${caseId}${path}`} className="font-medium text-primary underline-offset-4 hover:underline">
    {text}
  </Link>
);

/** The caseload at a glance: what to do today, each item a link to its case. */
export function CaseloadDashboard({ data, supervising }: { data: Dashboard; supervising: boolean }) {
  const whose = supervising ? "your team's" : "your";
  return (
    <div className="grid gap-6">
      <section aria-label="Open cases by status" className="flex flex-wrap gap-3">
        <Link href="/cases" className="rounded-md border bg-card px-4 py-3 hover:bg-accent">
          <div className="text-2xl font-semibold tabular-nums">{data.openCases}</div>
          <div className="text-xs text-muted-foreground">open cases</div>
        </Link>
        {data.statuses.map((s) => (
          <Link key={s.status} href={`/cases?status=${s.status}`} className="rounded-md border bg-card px-4 py-3 hover:bg-accent">
            <div className="text-2xl font-semibold tabular-nums">{s.count}</div>
            <div className="text-xs text-muted-foreground">{statusLabels[s.status as keyof typeof statusLabels].toLowerCase()}</div>
          </Link>
        ))}
      </section>
      <div className="grid gap-6 lg:grid-cols-2">
        <Panel
          title="Open flags"
          count={data.flags.total}
          description="Concerns that stay until resolved; self-harm risk first."
          empty={`No open flags on ${whose} cases.`}
        >
          {data.flags.rows.map((f) => (
            <li key={f.flagId} className="flex flex-wrap items-center gap-2">
              <Badge variant={f.kind === "self_harm_risk" ? "destructive" : "warning"}>{flagLabels[f.kind as keyof typeof flagLabels]}</Badge>
              {caseLink(f.caseId, `${f.reference} · ${f.clientName}`)}
              <span className="text-xs text-muted-foreground">since {formatDateTime(new Date(f.raisedAt))}</span>
            </li>
          ))}
        </Panel>
        <Panel
          title="Planned contacts"
          count={data.plannedTotal}
          description="The next 7 days, and planned contacts whose day has passed without a session."
          empty="Nothing planned this week. Plan the next contact when you write a session note."
        >
          {[...data.overdue.map((p) => ({ ...p, overdue: true })), ...data.planned.map((p) => ({ ...p, overdue: false }))].map((p) => (
            <li key={p.caseId} className="flex flex-wrap items-center gap-2">
              {p.overdue ? <Badge variant="destructive">Overdue</Badge> : null}
              <span className="tabular-nums">{formatDay(p.on)}</span>
              <span className="text-muted-foreground">{modalityLabels[p.modality as keyof typeof modalityLabels]}</span>
              {caseLink(p.caseId, `${p.reference} · ${p.clientName}`)}
            </li>
          ))}
        </Panel>
        <Panel
          title="No contact in 30+ days"
          count={data.quiet.total}
          description="Open cases with no session for a month or more, or none yet."
          empty="Every open case has had contact in the last 30 days."
        >
          {[
            ...data.quiet.rows.map((q) => (
              <li key={q.caseId} className="flex flex-wrap items-center gap-2">
                {caseLink(q.caseId, `${q.reference} · ${q.clientName}`)}
                <span className="text-xs text-muted-foreground">{q.lastContactOn ? `last ${formatDay(q.lastContactOn)}` : "no contact recorded"}</span>
              </li>
            )),
            ...(data.quiet.total > data.quiet.rows.length
              ? [
                  <li key="all">
                    <Link href="/cases?noContact=true" className="text-primary underline-offset-4 hover:underline">
                      All {data.quiet.total}
                    </Link>
                  </li>,
                ]
              : []),
          ]}
        </Panel>
        <Panel
          title="HQ-25 due"
          count={data.due.total}
          description="Active cases without an HQ-25 in the measuring interval."
          empty="No HQ-25 is due."
        >
          {data.due.rows.map((d) => (
            <li key={d.caseId} className="flex flex-wrap items-center gap-2">
              {caseLink(d.caseId, `${d.reference} · ${d.clientName}`, "/outcomes")}
              <span className="text-xs text-muted-foreground">{d.lastOn ? `last ${formatDay(d.lastOn)}` : "no baseline yet"}</span>
            </li>
          ))}
        </Panel>
        <Panel
          title="Unsigned drafts older than 24 hours"
          count={data.drafts.total}
          description="Finish and sign them while the session is fresh."
          empty="No old drafts."
        >
          {data.drafts.rows.map((d) => (
            <li key={d.noteId} className="flex flex-wrap items-center gap-2">
              {caseLink(d.caseId, `${d.reference}: session of ${formatDay(d.sessionDate)}`, `/notes/${d.noteId}`)}
              <span className="text-xs text-muted-foreground">started {formatDateTime(new Date(d.createdAt))}</span>
            </li>
          ))}
        </Panel>
        <Panel title="Recent activity" description={`Changes on ${whose} cases, newest first.`} empty="No changes yet.">
          {data.activity.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-2">
              <span className="text-xs text-muted-foreground tabular-nums">{formatDateTime(new Date(a.at))}</span>
              <span>
                {a.actorName ?? "Someone"} {activityLabels[a.action] ?? a.action}
              </span>
              {caseLink(a.caseId, a.reference)}
            </li>
          ))}
        </Panel>
      </div>
    </div>
  );
}
