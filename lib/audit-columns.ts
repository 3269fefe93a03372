import type { AuditRow } from "./audit-log";
import type { Column } from "./reports/csv";

/** The audit table's columns, on screen and in its CSV. */
export const auditColumns: Column<AuditRow>[] = [
  { header: "Time (UTC)", value: (r) => r.occurredAt.toISOString().replace("T", " ").slice(0, 19) },
  { header: "Who", value: (r) => r.actorName ?? "—" },
  { header: "Email", value: (r) => r.actorEmail ?? "" },
  { header: "Role", value: (r) => r.actorRole ?? "" },
  { header: "Action", value: (r) => r.action },
  { header: "Entity", value: (r) => (r.entityType ? `${r.entityType}${r.entityId ? ` ${r.entityId}` : ""}` : "") },
  { header: "Case", value: (r) => r.caseId ?? "" },
  { header: "Outcome", value: (r) => r.outcome },
  { header: "IP", value: (r) => r.ip ?? "" },
  { header: "Request", value: (r) => r.requestId ?? "" },
];
