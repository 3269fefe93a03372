import { z } from "zod";
import { accountStatusEnum, roleEnum } from "@/db/schema";
import { newPasswordSchema } from "../auth/password";

export const roles = roleEnum.enumValues;
export const accountStatuses = accountStatusEnum.enumValues;
export const teamRoles: readonly string[] = ["counsellor", "supervisor"];

export const roleLabels: Record<(typeof roles)[number], string> = {
  counsellor: "Counsellor",
  supervisor: "Supervisor",
  admin: "Administrator",
  analyst: "Analyst",
};

const id = z.uuid("Choose a valid record.");
const name = z.string().trim().min(1, "Enter a name.").max(200, "Use at most 200 characters.");
const email = z.email("Enter a valid email address.").trim().toLowerCase().max(320);
const version = z.coerce.number().int().positive();
const optionalTeam = z
  .union([z.literal(""), z.uuid("Choose a team.")])
  .transform((value) => (value === "" ? null : value));

function teamMatchesRole<T extends { role: string; teamId: string | null }>(input: T, ctx: z.RefinementCtx) {
  if (teamRoles.includes(input.role) && !input.teamId) {
    ctx.addIssue({ code: "custom", path: ["teamId"], message: "Counsellors and supervisors belong to a team." });
  }
}

export const createAccountInput = z
  .strictObject({ name, email, role: z.enum(roles, "Choose a role."), teamId: optionalTeam })
  .superRefine(teamMatchesRole);

export const updateAccountInput = z
  .strictObject({ accountId: id, version, name, role: z.enum(roles, "Choose a role."), teamId: optionalTeam })
  .superRefine(teamMatchesRole);

export const setAccountStatusInput = z.strictObject({
  accountId: id,
  version,
  status: z.enum(accountStatuses),
});

export const passwordLinkInput = z.strictObject({ accountId: id });

export const createTeamInput = z.strictObject({ name });
export const renameTeamInput = z.strictObject({ teamId: id, version, name });

export const changeOwnPasswordInput = newPasswordSchema({ currentPassword: z.string().max(512) });

export const setPasswordWithTokenInput = newPasswordSchema({
  token: z.string().regex(/^[\w-]{43}$/, "This link is not valid."),
});

const sortable = ["name", "email", "role", "team", "status", "lastLoginAt", "createdAt"] as const;
export const accountSortColumns = sortable;

export const accountListInput = z.object({
  page: z.number().int().min(1).max(100_000).default(1),
  perPage: z.number().int().min(5).max(100).default(25),
  sort: z.enum(sortable).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  q: z.string().trim().max(200).default(""),
  role: z.array(z.enum(roles)).max(roles.length).default([]),
  status: z.array(z.enum(accountStatuses)).max(accountStatuses.length).default([]),
  team: z.array(z.uuid()).max(100).default([]),
});

export type AccountListInput = z.input<typeof accountListInput>;
