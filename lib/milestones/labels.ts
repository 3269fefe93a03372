import type { Milestone } from "@/db/schema";

/** The ladder in order, as docs/domain.md gives it: small steps first, sustained participation last. */
export const milestoneLabels: Record<Milestone, string> = {
  family_engaged: "Family engaged",
  accepts_contact: "Accepts contact",
  accepts_home_visit: "Accepts a home visit",
  leaves_room_regularly: "Leaves room regularly",
  out_1_day_week: "Out of home ≥ 1 day/week",
  out_2_3_days_week: "Out 2–3 days/week",
  out_4_days_week: "Out ≥ 4 days/week",
  attends_group: "Attends a group / ibasho",
  visits_office: "Visits the office independently",
  tries_activity: "Tries an activity (volunteering, training, job centre)",
  sustained_school_work: "Sustained school or work",
};

export const milestoneLadder = Object.keys(milestoneLabels) as Milestone[];
