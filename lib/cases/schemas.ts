import { z } from "zod";
import {
  caseStatusEnum,
  closureOutcomeEnum,
  contactRelationshipEnum,
  flagKindEnum,
  livingSituationEnum,
  referralSourceEnum,
  riskLevelEnum,
  sexGenderEnum,
} from "@/db/schema";
import { optional, pastDay, pastMonth } from "../dates";
import { allowedList, id, searchText, text, version } from "../validation";

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal(""), z.literal("false")])
  .optional()
  .transform((value) => value === "on" || value === "true");

const phone = optional(text(40).regex(/^[+\d][\d\s()-]{3,39}$/, "Enter a phone number (digits, spaces, + ( ) -)."));
const email = optional(z.string().trim().toLowerCase().max(320).pipe(z.email("Enter a valid email address.")));

export const clientFields = {
  givenName: optional(text(200, "Enter the client's given name.")),
  familyName: optional(text(200)),
  preferredName: optional(text(200)),
  dateOfBirth: optional(pastDay("date of birth")),
  phone,
  email,
  address: optional(text(500)),
  sexGender: z.enum(sexGenderEnum.enumValues, "Choose an option.").default("not_stated"),
  regionCode: optional(text(40).regex(/^[A-Za-z0-9-]+$/, "Use a region code such as JP-13.")),
  statsConsent: checkbox,
};

const caseFields = {
  referralSource: z.enum(referralSourceEnum.enumValues, "Choose the referral source."),
  referralDate: pastDay("referral date"),
  withdrawalOnset: optional(pastMonth("onset month")),
  livingSituation: optional(z.enum(livingSituationEnum.enumValues, "Choose an option.")),
  riskLevel: z.enum(riskLevelEnum.enumValues, "Choose a risk level."),
};

function onsetBeforeReferral(input: { withdrawalOnset: string | null; referralDate: string }, ctx: z.RefinementCtx) {
  // Only once the month itself is valid (stored as its first day), to report one problem at a time.
  if (input.withdrawalOnset && /^\d{4}-\d{2}-01$/.test(input.withdrawalOnset) && input.withdrawalOnset > input.referralDate) {
    ctx.addIssue({ code: "custom", path: ["withdrawalOnset"], message: "Withdrawal cannot begin after the referral." });
  }
}

/** A new case, for an existing client (clientId) or a new one (the client fields, given name required). */
export const createCaseInput = z
  .strictObject({
    clientId: optional(id("Choose a client.")).optional(),
    ...clientFields,
    ...caseFields,
    counsellorId: optional(id("Choose a counsellor.")).optional(),
  })
  .superRefine(onsetBeforeReferral)
  // Runs even when other fields failed, so an empty form lists every missing field at once.
  .refine((input) => Boolean(input.clientId || input.givenName), {
    path: ["givenName"],
    message: "Enter the client's given name.",
    // Not when the payload is no object at all (undefined, null): there is no field to read.
    when: (payload) =>
      typeof payload.value === "object" && payload.value !== null && !payload.issues.some((issue) => issue.path?.[0] === "givenName"),
  })
  .transform(({ clientId, givenName, familyName, preferredName, dateOfBirth, phone, email, address, sexGender, regionCode, statsConsent, ...rest }) => ({
    ...rest,
    clientId: clientId ?? null,
    client: clientId
      ? null
      : { givenName: givenName!, familyName, preferredName, dateOfBirth, phone, email, address, sexGender, regionCode, statsConsent },
  }));

/** Corrections to the client's identity, made from one of their cases in scope. */
export const updateClientInput = z
  .strictObject({ caseId: id(), version, ...clientFields, givenName: text(200, "Enter the client's given name.") });

export const updateCaseInput = z
  .strictObject({ caseId: id(), version, ...caseFields })
  .superRefine(onsetBeforeReferral);

export const changeStatusInput = z
  .strictObject({
    caseId: id(),
    version,
    status: z.enum(caseStatusEnum.enumValues, "Choose a status."),
    reason: optional(text(500)).optional(),
    closureOutcome: optional(z.enum(closureOutcomeEnum.enumValues, "Choose a closure outcome.")).optional(),
    closedOn: optional(pastDay("closing date")).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.status === "closed" && !input.closureOutcome) {
      ctx.addIssue({ code: "custom", path: ["closureOutcome"], message: "Closing a case needs a closure outcome." });
    }
  });

export const caseFactorInput = z.strictObject({ caseId: id(), factorId: id("Choose a factor.") });

export const flagInput = z.strictObject({ caseId: id(), kind: z.enum(flagKindEnum.enumValues, "Choose a flag.") });
export const resolveFlagInput = z.strictObject({ caseId: id(), flagId: id() });

export const assignInput = z.strictObject({ caseId: id(), version, counsellorId: id("Choose a counsellor.") });

export const caseRefInput = z.strictObject({ caseId: id() });

export const contactInput = z.strictObject({
  caseId: id(),
  relationship: z.enum(contactRelationshipEnum.enumValues, "Choose a relationship."),
  name: text(200, "Enter the contact's name."),
  phone,
  email,
  mayContact: checkbox,
});

const sortable = ["reference", "client", "status", "risk", "counsellor", "referralDate", "lastContact", "updatedAt"] as const;
export const caseSortColumns = sortable;

const uuidList = z
  .array(z.string())
  .catch([])
  .transform((values) => values.filter((v) => z.uuid().safeParse(v).success).map((v) => v.toLowerCase()).slice(0, 100));

// Built from the URL: anything malformed falls back to the default rather than failing the page.
export const caseListInput = z.object({
  page: z.number().int().min(1).max(100_000).catch(1),
  perPage: z.number().int().min(5).max(100).catch(25),
  sort: z.enum(sortable).catch("updatedAt"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  q: searchText(200),
  status: allowedList(caseStatusEnum.enumValues),
  risk: allowedList(riskLevelEnum.enumValues),
  factor: uuidList,
  counsellor: uuidList,
  noContact: z.boolean().catch(false),
});

export type CaseListInput = Partial<Record<keyof z.output<typeof caseListInput>, unknown>>;
