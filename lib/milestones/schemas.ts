import { z } from "zod";
import { milestoneEnum } from "@/db/schema";
import { optional, pastDay } from "../dates";
import { id, text } from "../validation";

export const recordMilestoneInput = z.strictObject({
  caseId: id(),
  milestone: z.enum(milestoneEnum.enumValues, "Choose a milestone."),
  reachedOn: pastDay("date reached"),
  note: optional(text(300)).optional(),
});

export const removeMilestoneInput = z.strictObject({
  caseId: id(),
  milestoneId: id(),
  reason: text(500, "Say why this milestone is being removed."),
});
