import type { AccountStatus, Role } from "@/db/schema";

// Safe for client components: plain data, no database or password code behind it.
export const roleLabels: Record<Role, string> = {
  counsellor: "Counsellor",
  supervisor: "Supervisor",
  admin: "Administrator",
  analyst: "Analyst",
};

export const statusLabels: Record<AccountStatus, string> = {
  active: "Active",
  deactivated: "Deactivated",
};

export const teamRoles: readonly Role[] = ["counsellor", "supervisor"];
