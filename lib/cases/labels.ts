import type {
  CaseStatus,
} from "@/db/schema";

// Plain data for client components: the words a counsellor sees for each stored value.

export const statusLabels: Record<CaseStatus, string> = {
  referred: "Referred",
  assessment: "Assessment",
  active: "Active",
  paused: "Paused",
  closed: "Closed",
};

export const referralSourceLabels = {
  self: "Self",
  family: "Family",
  school: "School",
  health_service: "Health service",
  social_services: "Social services",
  employment_service: "Employment service",
  other: "Other",
} as const;

export const livingSituationLabels = {
  with_parents: "With parents",
  with_other_family: "With other family",
  alone: "Alone",
  with_partner: "With partner",
  shared_housing: "Shared housing",
  supported_housing: "Supported housing",
  other: "Other",
} as const;

export const riskLabels = { low: "Low", medium: "Medium", high: "High" } as const;

export const closureOutcomeLabels = {
  returned_to_education: "Returned to education",
  returned_to_employment: "Returned to employment",
  community_activity: "Community activity / volunteering",
  improved_still_withdrawn: "Improved, still withdrawn",
  no_change: "No change",
  lost_contact: "Lost contact",
  transferred: "Transferred / referred on",
  moved_away: "Moved away",
  other: "Other",
} as const;

export const flagLabels = {
  self_harm_risk: "Self-harm risk",
  safeguarding: "Safeguarding concern",
  family_in_crisis: "Family in crisis",
  other: "Other concern",
} as const;

export const sexGenderLabels = {
  female: "Female",
  male: "Male",
  non_binary: "Non-binary",
  other: "Other",
  not_stated: "Not stated",
} as const;

export const relationshipLabels = {
  mother: "Mother",
  father: "Father",
  parent: "Parent",
  sibling: "Sibling",
  grandparent: "Grandparent",
  partner: "Partner",
  other_relative: "Other relative",
  friend: "Friend",
  professional: "Professional",
  other: "Other",
} as const;

export const options = <T extends Record<string, string>>(labels: T) =>
  Object.entries(labels).map(([value, label]) => ({ value: value as keyof T & string, label }));
