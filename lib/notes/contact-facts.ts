import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { cases, sessionNotes } from "@/db/schema";

/**
 * Last contact and next planned contact live on the case row so lists and reports read a column
 * instead of scanning notes; they are recomputed from the notes in the writing transaction.
 */
export async function keepContactFacts(tx: Tx, caseId: string) {
  const lastSession = sql`(select max(${sessionNotes.sessionDate}) from ${sessionNotes} where ${sessionNotes.caseId} = ${caseId})`;
  // The plan made by the most recent session that made one, until a session on or after that day fulfils it.
  const planned = (column: typeof sessionNotes.nextContactOn | typeof sessionNotes.nextContactModality) =>
    sql`(select case when ${sessionNotes.nextContactOn} > ${lastSession} then ${column} end from ${sessionNotes}
      where ${sessionNotes.caseId} = ${caseId} and ${sessionNotes.nextContactOn} is not null
      order by ${sessionNotes.sessionDate} desc, ${sessionNotes.createdAt} desc limit 1)`;
  await tx
    .update(cases)
    .set({
      lastContactOn: lastSession,
      nextContactOn: planned(sessionNotes.nextContactOn),
      nextContactModality: planned(sessionNotes.nextContactModality),
      updatedAt: sql`now()`,
    })
    .where(eq(cases.id, caseId));
}
