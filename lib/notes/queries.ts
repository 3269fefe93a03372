import "server-only";
import { alias } from "drizzle-orm/pg-core";
import { and, asc, desc, eq, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { accounts, cases, noteAddenda, sessionNotes } from "@/db/schema";
import { caseHeader } from "../cases/queries";
import type { Actor } from "../actor";
import { auditAlone } from "../audit";
import { caseScope } from "../cases/scope";
import { anyOf, getDb } from "../db";
import { isUuid } from "../validation";
import { assertCan } from "../policy";
import type { RequestContext } from "../request";
import { checkIntegrity } from "./integrity";
import { timelineInput, type TimelineInput } from "./schemas";
import { noteNotFound } from "./scope";
import { katoSeverity } from "./severity";

const author = alias(accounts, "author");
const reviewer = alias(accounts, "reviewer");

// The first words of the note for the timeline; the full text is read, and audited, note by note.
const EXCERPT = 240;
const section = (key: string) => sql`nullif(${sessionNotes.content}->>${key}, '')`;
const excerpt = sql<string>`left(coalesce(${sql.join(["subjective", "data", "notes", "objective", "assessment", "plan"].map(section), sql`, `)}, ''), ${EXCERPT})`;

/** A case's notes, newest session first, filtered in SQL, and the latest days-out-of-home observation. */
export async function noteTimeline(actor: Actor, caseId: string, params: TimelineInput, context: RequestContext) {
  assertCan(actor, "notes.read");
  const input = timelineInput.parse(params);
  await caseHeader(actor, caseId, "note.list", context);
  const db = await getDb();
  const filters: (SQL | undefined)[] = [
    eq(sessionNotes.caseId, caseId),
    input.modality.length ? anyOf(sessionNotes.modality, input.modality) : undefined,
    input.template.length ? anyOf(sessionNotes.template, input.template) : undefined,
    input.status.length ? anyOf(sessionNotes.status, input.status) : undefined,
  ];
  // The audit row records the view asked for (its filters and limit), so it is written alongside the
  // reads rather than after them and adds no round trip; nothing is returned unless it committed.
  const applied = (["modality", "template", "status"] as const).filter((key) => input[key].length).map((key) => `${key}=${input[key].join("|")}`);
  const [notes, [observed]] = await Promise.all([
    db
      .select({
        id: sessionNotes.id,
        sessionDate: sessionNotes.sessionDate,
        startTime: sessionNotes.startTime,
        durationMinutes: sessionNotes.durationMinutes,
        modality: sessionNotes.modality,
        attendees: sessionNotes.attendees,
        template: sessionNotes.template,
        status: sessionNotes.status,
        authorId: sessionNotes.authorId,
        authorName: author.name,
        daysOut: sessionNotes.daysOut,
        reviewed: sql<boolean>`${sessionNotes.reviewedAt} is not null`,
        addenda: sql<number>`(select count(*) from ${noteAddenda} where ${noteAddenda.noteId} = ${sessionNotes.id})`.mapWith(Number),
        excerpt,
        total: sql<number>`count(*) over ()`.mapWith(Number),
      })
      .from(sessionNotes)
      .innerJoin(author, eq(author.id, sessionNotes.authorId))
      .where(and(...filters))
      .orderBy(desc(sessionNotes.sessionDate), sql`${sessionNotes.startTime} desc nulls last`, desc(sessionNotes.createdAt))
      .limit(input.limit),
    db
      .select({ daysOut: sessionNotes.daysOut, rarelyLeavesRoom: sessionNotes.rarelyLeavesRoom, sessionDate: sessionNotes.sessionDate })
      .from(sessionNotes)
      .where(and(eq(sessionNotes.caseId, caseId), or(isNotNull(sessionNotes.daysOut), isNotNull(sessionNotes.rarelyLeavesRoom))))
      .orderBy(desc(sessionNotes.sessionDate), desc(sessionNotes.createdAt))
      .limit(1),
    auditAlone(
      {
        actor,
        action: "note.list",
        entityType: "case",
        entityId: caseId,
        caseId,
        outcome: "success",
        details: { limit: input.limit, filters: applied.join(",") || null },
      },
      context,
    ),
  ]);
  return {
    notes: notes.map(({ total: _total, ...note }) => note),
    total: notes[0]?.total ?? 0,
    limit: input.limit,
    latestObservation: observed ? { ...observed, severity: katoSeverity(observed.daysOut, observed.rarelyLeavesRoom) } : null,
  };
}

export type Timeline = Awaited<ReturnType<typeof noteTimeline>>;

/** One note in full, its integrity checked against the hash taken at signing, with its addenda in order. */
export async function getNote(actor: Actor, caseId: string, noteId: string, context: RequestContext) {
  assertCan(actor, "notes.read");
  const db = await getDb();
  const [row] =
    isUuid(caseId) && isUuid(noteId)
      ? await db
          .select({ note: sessionNotes, authorName: author.name, reviewerName: reviewer.name, caseStatus: cases.status })
          .from(sessionNotes)
          .innerJoin(cases, eq(cases.id, sessionNotes.caseId))
          .innerJoin(author, eq(author.id, sessionNotes.authorId))
          .leftJoin(reviewer, eq(reviewer.id, sessionNotes.reviewedBy))
          .where(and(eq(sessionNotes.id, noteId), eq(sessionNotes.caseId, caseId), caseScope(actor)))
      : [];
  if (!row) {
    const subject = { entityType: "note", entityId: noteId.slice(0, 64), ...(isUuid(caseId) ? { caseId } : {}) };
    await auditAlone({ actor, action: "note.read", ...subject, outcome: "denied" }, context);
    throw noteNotFound(caseId.slice(0, 64), noteId.slice(0, 64));
  }
  const addenda = await db
    .select({ id: noteAddenda.id, createdAt: noteAddenda.createdAt, reason: noteAddenda.reason, body: noteAddenda.body, authorName: author.name })
    .from(noteAddenda)
    .innerJoin(author, eq(author.id, noteAddenda.authorId))
    .where(eq(noteAddenda.noteId, noteId))
    .orderBy(asc(noteAddenda.createdAt), asc(noteAddenda.id));
  const integrity = checkIntegrity(row.note);
  await auditAlone(
    { actor, action: "note.read", entityType: "note", entityId: noteId, caseId, outcome: "success", details: { integrity } },
    context,
  );
  const { contentHash: _hash, ...note } = row.note;
  return { ...note, authorName: row.authorName, reviewerName: row.reviewerName, caseStatus: row.caseStatus, addenda, integrity };
}

export type NoteDetail = Awaited<ReturnType<typeof getNote>>;

/** Signed notes of the supervisor's team not yet reviewed, oldest signature first. */
export async function reviewQueue(actor: Actor, context: RequestContext) {
  assertCan(actor, "notes.review");
  const db = await getDb();
  const rows = await db
    .select({
      noteId: sessionNotes.id,
      caseId: cases.id,
      reference: cases.reference,
      authorName: author.name,
      sessionDate: sessionNotes.sessionDate,
      modality: sessionNotes.modality,
      template: sessionNotes.template,
      signedAt: sessionNotes.signedAt,
    })
    .from(sessionNotes)
    .innerJoin(cases, eq(cases.id, sessionNotes.caseId))
    .innerJoin(author, eq(author.id, sessionNotes.authorId))
    .where(and(eq(sessionNotes.status, "signed"), isNull(sessionNotes.reviewedAt), caseScope(actor)))
    .orderBy(asc(sessionNotes.signedAt))
    .limit(200);
  await auditAlone({ actor, action: "note.review-queue", outcome: "success", details: { shown: rows.length } }, context);
  return rows;
}
