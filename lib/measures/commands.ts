import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { caseFlags, cases, measureResults } from "@/db/schema";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { loadCaseForUpdate } from "../cases/scope";
import { transaction } from "../db";
import { invalid, notFound } from "../errors";
import { assertCan } from "../policy";
import type { RequestContext } from "../request";
import { instrumentFor } from "./instruments";
import type { RecordMeasureInput } from "./schemas";
import { score, ScoreError } from "./scoring";

export type RecordedMeasure = {
  resultId: string;
  total: number;
  bandLabel: string;
  /** PHQ-9 item 9 above 0: "raised" a new self-harm risk flag, or found one "already_open". */
  selfHarmFlag: "raised" | "already_open" | null;
};

const fieldError = (field: string, message: string) => invalid("Some fields need attention.", { [field]: [message] });

/**
 * Records one administration, scored and banded now and stored that way. A correction supersedes
 * the earlier result in the same transaction; a PHQ-9 self-harm answer raises the flag with it.
 */
export async function recordMeasure(actor: Actor, input: RecordMeasureInput, context: RequestContext): Promise<RecordedMeasure> {
  assertCan(actor, "outcomes.record");
  const instrument = instrumentFor(input.instrument);
  if (!instrument) throw fieldError("instrument", "Choose an instrument.");
  return transaction(async (tx) => {
    const current = await loadCaseForUpdate(tx, actor, input.caseId);
    if (current.status === "closed") throw invalid("This case is closed. Reopen it to record a measure.");
    if (input.administeredOn < current.referralDate) throw fieldError("administeredOn", "The date cannot be before the referral.");
    let scored;
    try {
      scored = score(instrument, input.responses);
    } catch (error) {
      if (error instanceof ScoreError) throw invalid("Some answers need attention.", error.fieldErrors);
      throw error;
    }
    if (input.supersedes) {
      const [corrected] = await tx
        .update(measureResults)
        .set({ supersededAt: sql`now()` })
        .where(
          and(
            eq(measureResults.id, input.supersedes),
            eq(measureResults.caseId, input.caseId),
            eq(measureResults.instrument, instrument.code),
            isNull(measureResults.supersededAt),
          ),
        )
        .returning({ id: measureResults.id });
      if (!corrected) throw notFound("The result to correct", { entityType: "measure", entityId: input.supersedes, caseId: input.caseId });
    }
    const [result] = await tx
      .insert(measureResults)
      .values({
        caseId: input.caseId,
        instrument: instrument.code,
        administeredOn: input.administeredOn,
        items: input.responses.items as number[] | null,
        total: scored.total,
        subscales: scored.subscales,
        bandCode: scored.band.code,
        bandLabel: scored.band.label,
        concern: scored.band.concern,
        direction: instrument.direction,
        recordedBy: actor.id,
        supersedes: input.supersedes,
        correctionReason: input.correctionReason,
      })
      .returning({ id: measureResults.id });
    let selfHarmFlag: RecordedMeasure["selfHarmFlag"] = null;
    if (scored.selfHarm) {
      const [open] = await tx
        .select({ id: caseFlags.id })
        .from(caseFlags)
        .where(and(eq(caseFlags.caseId, input.caseId), eq(caseFlags.kind, "self_harm_risk"), isNull(caseFlags.resolvedAt)));
      if (open) selfHarmFlag = "already_open";
      else {
        const [flag] = await tx.insert(caseFlags).values({ caseId: input.caseId, kind: "self_harm_risk", raisedBy: actor.id }).returning({ id: caseFlags.id });
        await audit(
          tx,
          { actor, action: "case.flag.raise", entityType: "flag", entityId: flag!.id, caseId: input.caseId, outcome: "success", details: { kind: "self_harm_risk", source: instrument.code } },
          context,
        );
        selfHarmFlag = "raised";
      }
    }
    await tx.update(cases).set({ updatedAt: sql`now()` }).where(eq(cases.id, input.caseId));
    await audit(
      tx,
      {
        actor,
        action: "measure.record",
        entityType: "measure",
        entityId: result!.id,
        caseId: input.caseId,
        outcome: "success",
        details: { instrument: instrument.code, ...(input.supersedes ? { supersedes: input.supersedes } : {}) },
      },
      context,
    );
    return { resultId: result!.id, total: scored.total, bandLabel: scored.band.label, selfHarmFlag };
  });
}
