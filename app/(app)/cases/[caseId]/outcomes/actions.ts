"use server";

import { recordMeasure } from "@/lib/measures/commands";
import { recordMeasureInput } from "@/lib/measures/schemas";
import { recordMilestone, removeMilestone } from "@/lib/milestones/commands";
import { recordMilestoneInput, removeMilestoneInput } from "@/lib/milestones/schemas";
import { caseAction } from "../../case-action";

export const recordMeasureAction = caseAction("measure.record", recordMeasureInput, recordMeasure, (r) => `Recorded: ${r.total}, ${r.bandLabel.toLowerCase()}.`);
export const recordMilestoneAction = caseAction("milestone.record", recordMilestoneInput, recordMilestone, "Milestone recorded.");
export const removeMilestoneAction = caseAction("milestone.remove", removeMilestoneInput, removeMilestone, "Milestone removed.");
