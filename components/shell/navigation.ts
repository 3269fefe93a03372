import type { Actor } from "@/lib/auth/sessions";
import { can, type Permission } from "@/lib/policy";

export type NavIcon = "home" | "cases" | "reviews" | "statistics" | "settings" | "audit" | "reports" | "users" | "teams" | "factors" | "account";
export interface NavItem {
  href: string;
  label: string;
  icon: NavIcon;
}

const items: (NavItem & { permission?: Permission })[] = [
  { href: "/", label: "Home", icon: "home" },
  { href: "/cases", label: "Cases", icon: "cases", permission: "cases.read" },
  { href: "/reviews", label: "Note reviews", icon: "reviews", permission: "notes.review" },
  { href: "/reports", label: "Reports", icon: "reports", permission: "reports.view" },
  { href: "/admin/accounts", label: "Accounts", icon: "users", permission: "accounts.manage" },
  { href: "/admin/teams", label: "Teams", icon: "teams", permission: "teams.manage" },
  { href: "/admin/factors", label: "Factors", icon: "factors", permission: "factors.manage" },
  { href: "/admin/settings", label: "Settings", icon: "settings", permission: "settings.manage" },
  { href: "/admin/audit", label: "Audit trail", icon: "audit", permission: "audit.read" },
  { href: "/statistics", label: "Statistics", icon: "statistics", permission: "statistics.export" },
  { href: "/account", label: "My account", icon: "account", permission: "account.read-own" },
];

/** Only screens that exist and that this person may open appear. */
export function navigationFor(actor: Pick<Actor, "role">): NavItem[] {
  return items
    .filter((item) => !item.permission || can(actor, item.permission))
    .map(({ href, label, icon }) => ({ href, label, icon }));
}
