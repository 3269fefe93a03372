import { z } from "zod";
import { accountStatusEnum, roleEnum, type Role } from "@/db/schema";
import { newPasswordSchema } from "../auth/password";
import { id, searchText, text, version } from "../validation";
import { teamRoles } from "./labels";

export const roles = roleEnum.enumValues;
export const accountStatuses = accountStatusEnum.enumValues;

const accountId = id();
const name = text(200, "Enter a name.");
const email = z.string().trim().toLowerCase().max(320, "Use at most 320 characters.").pipe(z.email("Enter a valid email address."));
const optionalTeam = z.union([z.literal("").transform(() => null), id("Choose a team.")]);

const needsTeam = (role: Role) => teamRoles.includes(role);

/** Counsellors and supervisors must have a team; nobody else may have one. */
function teamMatchesRole<T extends { role: Role; teamId: string | null }>(input: T, ctx: z.RefinementCtx) {
  if (needsTeam(input.role) && !input.teamId) {
    ctx.addIssue({ code: "custom", path: ["teamId"], message: "Counsellors and supervisors belong to a team." });
  }
}
const teamForRole = <T extends { role: Role; teamId: string | null }>(input: T): T => ({
  ...input,
  teamId: needsTeam(input.role) ? input.teamId : null,
});

export const createAccountInput = z
  .strictObject({ name, email, role: z.enum(roles, "Choose a role."), teamId: optionalTeam })
  .superRefine(teamMatchesRole)
  .transform(teamForRole);

export const updateAccountInput = z
  .strictObject({ accountId, version, name, role: z.enum(roles, "Choose a role."), teamId: optionalTeam })
  .superRefine(teamMatchesRole)
  .transform(teamForRole);

export const setAccountStatusInput = z.strictObject({
  accountId,
  version,
  status: z.enum(accountStatuses),
});

export const passwordLinkInput = z.strictObject({ accountId });

export const createTeamInput = z.strictObject({ name });
export const renameTeamInput = z.strictObject({ teamId: id(), version, name });

export const changeOwnPasswordInput = newPasswordSchema({ currentPassword: z.string().max(512) });

export const setPasswordWithTokenInput = newPasswordSchema({
  token: z.string().regex(/^[\w-]{43}$/, "This link is not valid."),
});

const sortable = ["name", "email", "role", "team", "status", "lastLoginAt", "createdAt"] as const;
export const accountSortColumns = sortable;

/** Keeps the allowed values of a URL list parameter and drops the rest. */
const allowedList = <T extends string>(allowed: readonly T[], max: number) =>
  z
    .array(z.string())
    .catch([])
    .transform((values) => values.filter((v): v is T => (allowed as readonly string[]).includes(v)).slice(0, max));

// Built from the URL, so anything malformed falls back to the default rather than failing the page.
export const accountListInput = z.object({
  page: z.number().int().min(1).max(100_000).catch(1),
  perPage: z.number().int().min(5).max(100).catch(25),
  sort: z.enum(sortable).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  q: searchText(200),
  role: allowedList(roles, roles.length),
  status: allowedList(accountStatuses, accountStatuses.length),
  team: z
    .array(z.string())
    .catch([])
    .transform((values) => values.filter((v) => z.uuid().safeParse(v).success).slice(0, 100)),
});

export type AccountListInput = Partial<Record<keyof z.output<typeof accountListInput>, unknown>>;
