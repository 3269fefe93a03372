import { faker } from "@faker-js/faker";
import { addDays, format, subMonths } from "date-fns";
import { sql } from "drizzle-orm";
import type { Tx } from "./client";
import {
  caseAssignments,
  caseFactors,
  caseFlags,
  caseReferenceCounters,
  cases,
  caseStatusHistory,
  clientContacts,
  clients,
  closureOutcomeEnum,
  factors,
  flagKindEnum,
  livingSituationEnum,
  referralSourceEnum,
  riskLevelEnum,
  sexGenderEnum,
  type CaseStatus,
} from "./schema";

/** Demo data is reproducible: the same seed and the same anchor day give the same service. */
const SEED = 20_261_101;
const ANCHOR = new Date(2026, 10, 1);
const CASES = 60;

// The path each demo case took to reach its status.
const paths: Record<CaseStatus, CaseStatus[]> = {
  referred: ["referred"],
  assessment: ["referred", "assessment"],
  active: ["referred", "assessment", "active"],
  paused: ["referred", "assessment", "active", "paused"],
  closed: ["referred", "assessment", "active", "closed"],
};
const statusMix: CaseStatus[] = ["referred", "assessment", "active", "active", "active", "paused", "closed", "closed"];

// Factors that tend to come together in hikikomori support, so the demo reads like a real caseload.
const factorMixes = [
  ["social_anxiety", "bullying", "school_refusal"],
  ["depression", "job_loss", "shame_stigma", "ageing_parents"],
  ["problematic_internet_gaming", "reversed_day_night", "family_conflict"],
  ["autism_spectrum", "academic_pressure", "overprotection"],
  ["workplace_harassment", "anxiety_disorder", "failed_job_search"],
  ["bereavement", "depression", "family_financial_strain"],
  ["pandemic_disruption", "social_anxiety", "poor_nutrition_inactivity"],
];

const day = (date: Date) => format(date, "yyyy-MM-dd");

export async function seedDemoCases(tx: Tx, counsellors: { id: string; teamId: string }[]): Promise<void> {
  faker.seed(SEED);
  const factorRows = await tx.select({ id: factors.id, code: factors.code }).from(factors);
  const factorId = new Map(factorRows.map((f) => [f.code, f.id]));
  const year = ANCHOR.getFullYear();

  for (let n = 1; n <= CASES; n++) {
    const counsellor = counsellors[n % counsellors.length]!;
    const status = faker.helpers.arrayElement(statusMix);
    const referral = faker.date.between({ from: subMonths(ANCHOR, 24), to: subMonths(ANCHOR, 1) });
    const onset = subMonths(referral, faker.number.int({ min: 4, max: 120 }));
    const sex = faker.helpers.arrayElement(sexGenderEnum.enumValues.slice(0, 3));
    const givenName = faker.person.firstName(sex === "female" ? "female" : sex === "male" ? "male" : undefined);
    const familyName = faker.person.lastName();
    const [client] = await tx
      .insert(clients)
      .values({
        givenName,
        familyName,
        preferredName: faker.datatype.boolean(0.3) ? faker.person.firstName() : null,
        dateOfBirth: day(faker.date.birthdate({ mode: "age", min: 15, max: 55, refDate: ANCHOR })),
        phone: faker.datatype.boolean(0.6) ? faker.string.numeric({ length: 10 }).replace(/^(\d{3})(\d{3})/, "0$1-$2-") : null,
        sexGender: sex,
        regionCode: faker.helpers.arrayElement(["JP-13", "JP-14", "JP-27", "JP-01", "JP-40"]),
        statsConsent: faker.datatype.boolean(0.8),
        statsConsentDate: day(referral),
        createdBy: counsellor.id,
        createdAt: referral,
      })
      .returning({ id: clients.id });
    if (faker.datatype.boolean(0.5)) {
      await tx.insert(clientContacts).values({
        clientId: client!.id,
        relationship: faker.helpers.arrayElement(["mother", "father", "sibling", "grandparent"] as const),
        name: `${faker.person.firstName()} ${familyName}`,
        phone: faker.string.numeric({ length: 10 }).replace(/^(\d{3})(\d{3})/, "0$1-$2-"),
        mayContact: faker.datatype.boolean(0.85),
      });
    }
    const closedOn = status === "closed" ? day(addDays(referral, faker.number.int({ min: 60, max: 300 }))) : null;
    const [created] = await tx
      .insert(cases)
      .values({
        reference: `TSU-${year}-${String(n).padStart(4, "0")}`,
        clientId: client!.id,
        counsellorId: counsellor.id,
        teamId: counsellor.teamId,
        status,
        referralSource: faker.helpers.weightedArrayElement(
          referralSourceEnum.enumValues.map((value) => ({ value, weight: value === "family" ? 6 : value === "self" ? 1 : 2 })),
        ),
        referralDate: day(referral),
        withdrawalOnset: format(onset, "yyyy-MM-01"),
        livingSituation: faker.helpers.weightedArrayElement(
          livingSituationEnum.enumValues.map((value) => ({ value, weight: value === "with_parents" ? 8 : 1 })),
        ),
        riskLevel: faker.helpers.weightedArrayElement(
          riskLevelEnum.enumValues.map((value) => ({ value, weight: value === "low" ? 5 : value === "medium" ? 3 : 1 })),
        ),
        closedOn: closedOn && closedOn > day(ANCHOR) ? day(ANCHOR) : closedOn,
        closureOutcome: status === "closed" ? faker.helpers.arrayElement(closureOutcomeEnum.enumValues) : null,
        createdBy: counsellor.id,
        createdAt: referral,
        updatedAt: referral,
      })
      .returning({ id: cases.id });
    const caseId = created!.id;
    const steps = paths[status];
    await tx.insert(caseStatusHistory).values(
      steps.map((toStatus, index) => ({
        caseId,
        fromStatus: index === 0 ? null : steps[index - 1]!,
        toStatus,
        changedBy: counsellor.id,
        changedAt: addDays(referral, index * 14),
      })),
    );
    await tx.insert(caseAssignments).values({ caseId, counsellorId: counsellor.id, assignedBy: counsellor.id, assignedAt: referral });
    const mix = faker.helpers.arrayElement(factorMixes);
    const chosen = faker.helpers.arrayElements(mix, { min: 1, max: mix.length });
    await tx.insert(caseFactors).values(
      chosen.map((code, index) => ({
        caseId,
        factorId: factorId.get(code)!,
        isPrimary: index === 0,
        addedBy: counsellor.id,
        addedAt: addDays(referral, 7),
      })),
    );
    if (status !== "closed" && faker.datatype.boolean(0.2)) {
      await tx.insert(caseFlags).values({
        caseId,
        kind: faker.helpers.arrayElement(flagKindEnum.enumValues),
        raisedBy: counsellor.id,
        raisedAt: addDays(referral, 20),
      });
    }
  }
  await tx
    .insert(caseReferenceCounters)
    .values({ year, last: CASES })
    .onConflictDoUpdate({ target: caseReferenceCounters.year, set: { last: sql`greatest(${caseReferenceCounters.last}, ${CASES})` } });
}
