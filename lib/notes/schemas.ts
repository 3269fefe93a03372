import { addYears, format, parseISO } from "date-fns";
import { z } from "zod";
import { attendeeEnum, modalityEnum, noteTemplateEnum } from "@/db/schema";
import { optional, pastDay } from "../dates";
import { allowedList, id, prose, text, version } from "../validation";
import { sectionKeys, templateSections } from "./labels";

export const SECTION_MAX = 20_000;

const section = optional(prose(SECTION_MAX)).optional();
const checkedList = <T extends string>(values: readonly T[], message: string) =>
  z.preprocess(
    (value) => (value === undefined || value === "" ? [] : [value].flat()),
    z
      .array(z.enum(values, message))
      .min(1, message)
      .max(values.length)
      // One stored order, whatever order the boxes arrive in.
      .transform((chosen) => values.filter((value) => chosen.includes(value))),
  );

/** A note as posted by the note form: a new draft (no noteId) or the next save of one. */
export const saveNoteInput = z
  .strictObject({
    caseId: id(),
    noteId: optional(id()).optional(),
    version: optional(version).optional(),
    intent: z.enum(["save", "sign"]).default("save"),
    sessionDate: pastDay("session date"),
    startTime: optional(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter a time such as 14:30.")),
    durationMinutes: z.coerce
      .number("Enter the duration in minutes.")
      .int("Enter whole minutes.")
      .min(1, "A session lasts at least 1 minute.")
      .max(600, "A session lasts at most 600 minutes."),
    modality: z.enum(modalityEnum.enumValues, "Choose how the session took place."),
    attendees: checkedList(attendeeEnum.enumValues, "Choose who attended."),
    template: z.enum(noteTemplateEnum.enumValues, "Choose a template."),
    ...Object.fromEntries(sectionKeys.map((key) => [key, section])) as Record<(typeof sectionKeys)[number], typeof section>,
    daysOut: optional(z.coerce.number().int("Enter a whole number of days.").min(0, "Enter 0 to 7 days.").max(7, "Enter 0 to 7 days.")),
    rarelyLeavesRoom: optional(z.enum(["yes", "no"], "Choose yes or no.")).transform((value) => (value === null ? null : value === "yes")),
    nextContactOn: optional(z.iso.date("Enter the next contact as a date.")),
    nextContactModality: optional(z.enum(modalityEnum.enumValues, "Choose how the next contact will happen.")),
  })
  .superRefine((input, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (input.noteId && !input.version) issue("version", "Reload the note and save again.");
    if (input.modality === "family_session" && input.attendees?.includes("client")) {
      issue("attendees", "A family session is held without the client; choose another type of session.");
    }
    if (input.nextContactOn && !input.nextContactModality) issue("nextContactModality", "Choose how the next contact will happen.");
    if (input.nextContactModality && !input.nextContactOn) issue("nextContactOn", "Choose the date of the next contact.");
    if (input.nextContactOn && input.sessionDate && /^\d{4}-\d{2}-\d{2}$/.test(input.sessionDate)) {
      if (input.nextContactOn < input.sessionDate) issue("nextContactOn", "The next contact cannot be before this session.");
      if (input.nextContactOn > format(addYears(parseISO(input.sessionDate), 1), "yyyy-MM-dd")) {
        issue("nextContactOn", "Plan the next contact within a year of this session.");
      }
    }
  })
  .transform(({ subjective, objective, data, assessment, plan, notes, startTime, ...rest }) => {
    const written: Record<string, string | null | undefined> = { subjective, objective, data, assessment, plan, notes };
    // Only the chosen template's sections are kept; text typed under another template is not.
    const content = Object.fromEntries(templateSections[rest.template].map(({ key }) => [key, written[key] ?? ""]));
    return { ...rest, startTime: startTime ? `${startTime}:00` : null, content };
  });

export type SaveNoteInput = z.output<typeof saveNoteInput>;

export const noteRefInput = z.strictObject({ caseId: id(), noteId: id() });

export const addendumInput = z.strictObject({
  caseId: id(),
  noteId: id(),
  reason: text(500, "Give the reason for the addendum."),
  body: prose(SECTION_MAX).refine((value) => value.trim().length > 0, "Write the addendum."),
});

export const reviewInput = z.strictObject({
  caseId: id(),
  noteId: id(),
  version,
  comment: optional(prose(2000)),
});

// Built from the URL: anything malformed falls back to the default rather than failing the page.
export const timelineInput = z.object({
  modality: allowedList(modalityEnum.enumValues),
  template: allowedList(noteTemplateEnum.enumValues),
  status: allowedList(["draft", "signed"] as const),
  limit: z.coerce.number().int().min(1).max(500).catch(50),
});
export type TimelineInput = Partial<Record<keyof z.output<typeof timelineInput>, unknown>>;
