import Link from "next/link";
import { cn } from "@/lib/utils";

const tabs = [
  { segment: "", label: "Overview" },
  { segment: "/outcomes", label: "Outcomes" },
  { segment: "/access", label: "Access log" },
] as const;

/** The case's views as links, so each has its own URL and works without script. */
function CaseTabs({ caseId, current, accessLog = false }: { caseId: string; current: (typeof tabs)[number]["label"]; accessLog?: boolean }) {
  return (
    <nav aria-label="Case views" className="flex gap-1 border-b">
      {tabs.filter((tab) => accessLog || tab.label !== "Access log").map((tab) => (
        <Link
          key={tab.label}
          href={`/cases/${caseId}${tab.segment}`}
          aria-current={tab.label === current ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            tab.label === current ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}

/**
 * The top of every case view: the way back to the list, the case's name, what the view adds
 * beside it (`badges`) and under it (`children`), and the tabs.
 */
export function CaseHeader({
  caseId,
  title,
  current,
  accessLog,
  badges,
  children,
}: {
  caseId: string;
  title: string;
  current: (typeof tabs)[number]["label"];
  accessLog: boolean;
  badges?: React.ReactNode;
  children?: React.ReactNode;
}) {
  return (
    <div className="grid gap-2">
      <Link href="/cases" className="text-sm text-primary underline-offset-4 hover:underline">
        ← All cases
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {badges}
      </div>
      {children}
      <CaseTabs caseId={caseId} current={current} accessLog={accessLog} />
    </div>
  );
}
