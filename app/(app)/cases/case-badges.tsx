import { Badge } from "@/components/ui/badge";
import { riskLabels, statusLabels } from "@/lib/cases/labels";
import type { CaseListRow } from "@/lib/cases/list";

const statusVariant = {
  referred: "outline",
  assessment: "secondary",
  active: "success",
  paused: "warning",
  closed: "outline",
} as const;

export function StatusBadge({ status }: { status: CaseListRow["status"] }) {
  return <Badge variant={statusVariant[status]}>{statusLabels[status]}</Badge>;
}

const riskVariant = { low: "secondary", medium: "warning", high: "destructive" } as const;

export function RiskBadge({ risk }: { risk: CaseListRow["riskLevel"] }) {
  return <Badge variant={riskVariant[risk]}>{riskLabels[risk]} risk</Badge>;
}
