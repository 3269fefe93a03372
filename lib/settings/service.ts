import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { serviceSettings } from "@/db/schema";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { getDb, transaction } from "../db";
import { conflict } from "../errors";
import { assertCan } from "../policy";
import type { RequestContext } from "../request";
import { version } from "../validation";

export type ServiceSettings = { statisticsThreshold: number; supervisorsSeeService: boolean; researchK: number; version: number };

const DEFAULTS: ServiceSettings = { statisticsThreshold: 10, supervisorsSeeService: false, researchK: 5, version: 1 };

/** The one settings row (a migration creates it); the defaults stand in if it is missing. */
export async function serviceSettingsNow(): Promise<ServiceSettings> {
  const db = await getDb();
  const [row] = await db
    .select({
      statisticsThreshold: serviceSettings.statisticsThreshold,
      supervisorsSeeService: serviceSettings.supervisorsSeeService,
      researchK: serviceSettings.researchK,
      version: serviceSettings.version,
    })
    .from(serviceSettings)
    .where(eq(serviceSettings.id, 1));
  return row ?? DEFAULTS;
}

export const settingsInput = z.strictObject({
  version,
  statisticsThreshold: z.coerce.number("Enter a number.").int("Enter a whole number.").min(5, "Never below 5.").max(100, "At most 100."),
  researchK: z.coerce.number("Enter a number.").int("Enter a whole number.").min(5, "Never below 5.").max(100, "At most 100."),
  supervisorsSeeService: z
    .union([z.literal("on"), z.literal("")])
    .optional()
    .transform((value) => value === "on"),
});

export async function updateServiceSettings(actor: Actor, input: z.output<typeof settingsInput>, context: RequestContext) {
  assertCan(actor, "settings.manage");
  return transaction(async (tx) => {
    const { version: expected, ...values } = input;
    await tx.insert(serviceSettings).values({ id: 1 }).onConflictDoNothing();
    const [updated] = await tx
      .update(serviceSettings)
      .set({ ...values, updatedBy: actor.id, updatedAt: sql`now()`, version: sql`${serviceSettings.version} + 1` })
      .where(sql`${serviceSettings.id} = 1 and ${serviceSettings.version} = ${expected}`)
      .returning({ version: serviceSettings.version });
    if (!updated) throw conflict();
    await audit(tx, { actor, action: "settings.update", entityType: "settings", entityId: "service", outcome: "success", details: values }, context);
    return updated;
  });
}
