import "server-only";
import { alias } from "drizzle-orm/pg-core";
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { accounts, caseMilestones, measureResults, sessionNotes } from "@/db/schema";
import type { Actor } from "../actor";
import { auditAlone } from "../audit";
import { caseHeader } from "../cases/queries";
import { today } from "../dates";
import { getDb } from "../db";
import type { RequestContext } from "../request";
import { env } from "../env";
import { hq25Due } from "./due";
import { bandFor, change, type Change } from "./scoring";
import { DAYSOUT, instruments, type Instrument } from "./instruments";

const recorder = alias(accounts, "recorder");
const remover = alias(accounts, "remover");

export type TrendPoint = { date: string; value: number; source: "measure" | "note" };
export type InstrumentSummary = {
  code: string;
  first: TrendPoint;
  latest: TrendPoint & { bandLabel: string; concern: boolean };
  change: Change | null;
  points: TrendPoint[];
};

/**
 * Summarises one instrument's current results (superseded ones excluded), oldest first. Bands
 * come from the stored results; days out of home from notes are banded by the definition.
 */
export function summarise(instrument: Instrument, points: (TrendPoint & { bandLabel?: string; concern?: boolean })[]): InstrumentSummary | null {
  if (!points.length) return null;
  const sorted = [...points].sort((a, b) => a.date.localeCompare(b.date));
  const first = sorted[0]!;
  const latest = sorted.at(-1)!;
  const band = latest.bandLabel !== undefined ? { label: latest.bandLabel, concern: latest.concern! } : bandFor(instrument, latest.value);
  return {
    code: instrument.code,
    first: { date: first.date, value: first.value, source: first.source },
    latest: { date: latest.date, value: latest.value, source: latest.source, bandLabel: band.label, concern: band.concern },
    change: sorted.length > 1 ? change(instrument.direction, first.value, latest.value) : null,
    points: sorted.map(({ date, value, source }) => ({ date, value, source })),
  };
}

/** Everything the Outcomes tab shows: results with their history, per-instrument summaries, milestones, what is due. */
export async function caseOutcomes(actor: Actor, caseId: string, context: RequestContext, { audited = true } = {}) {
  const header = await caseHeader(actor, caseId, "outcomes.view", context);
  const db = await getDb();
  const [results, observed, milestones] = await Promise.all([
    db
      .select({
        id: measureResults.id,
        instrument: measureResults.instrument,
        administeredOn: measureResults.administeredOn,
        items: measureResults.items,
        total: measureResults.total,
        subscales: measureResults.subscales,
        bandLabel: measureResults.bandLabel,
        concern: measureResults.concern,
        recordedBy: recorder.name,
        recordedAt: measureResults.recordedAt,
        supersedes: measureResults.supersedes,
        correctionReason: measureResults.correctionReason,
        supersededAt: measureResults.supersededAt,
      })
      .from(measureResults)
      .innerJoin(recorder, eq(recorder.id, measureResults.recordedBy))
      .where(eq(measureResults.caseId, header.id))
      .orderBy(asc(measureResults.administeredOn), asc(measureResults.recordedAt)),
    db
      .select({ date: sessionNotes.sessionDate, value: sessionNotes.daysOut })
      .from(sessionNotes)
      .where(and(eq(sessionNotes.caseId, header.id), isNotNull(sessionNotes.daysOut))),
    db
      .select({
        id: caseMilestones.id,
        milestone: caseMilestones.milestone,
        reachedOn: caseMilestones.reachedOn,
        note: caseMilestones.note,
        recordedBy: recorder.name,
        removedAt: caseMilestones.removedAt,
        removedBy: remover.name,
        removalReason: caseMilestones.removalReason,
      })
      .from(caseMilestones)
      .innerJoin(recorder, eq(recorder.id, caseMilestones.recordedBy))
      .leftJoin(remover, eq(remover.id, caseMilestones.removedBy))
      .where(eq(caseMilestones.caseId, header.id))
      .orderBy(asc(caseMilestones.reachedOn)),
  ]);
  const current = results.filter((r) => !r.supersededAt);
  const summaries = instruments
    .map((instrument) => {
      const measured = current
        .filter((r) => r.instrument === instrument.code)
        .map((r) => ({ date: r.administeredOn, value: r.total, source: "measure" as const, bandLabel: r.bandLabel, concern: r.concern }));
      // Days out of home are also observed in session notes; both feed the one trend.
      const fromNotes = instrument === DAYSOUT ? observed.map((o) => ({ date: o.date, value: o.value!, source: "note" as const })) : [];
      return summarise(instrument, [...measured, ...fromNotes]);
    })
    .filter((summary) => summary !== null);
  const latestHq25 = current.filter((r) => r.instrument === "HQ25").at(-1)?.administeredOn ?? null;
  if (audited) {
    await auditAlone({ actor, action: "outcomes.view", entityType: "case", entityId: header.id, caseId: header.id, outcome: "success" }, context);
  }
  return {
    case: header,
    results,
    summaries,
    milestones,
    hq25Due: hq25Due(header.status, latestHq25, header.referralDate, env().TSUNAGU_HQ25_INTERVAL_DAYS, today()),
  };
}
