import type { Modality, NoteTemplate } from "@/db/schema";

// Plain data for client components: the words a counsellor sees for each stored value.

export const modalityLabels: Record<Modality, string> = {
  home_visit: "Home visit",
  office: "Office",
  phone: "Phone",
  video: "Video",
  online_message: "Online message",
  family_session: "Family session (client absent)",
  group: "Group / ibasho",
};

export const attendeeLabels = {
  client: "Client",
  family: "Family member(s)",
  other_professional: "Other professional",
} as const;

export const templateLabels: Record<NoteTemplate, string> = {
  soap: "SOAP",
  dap: "DAP",
  free: "Free text",
};

/** The sections each template asks for, in the order they are written. */
export const templateSections: Record<NoteTemplate, readonly { key: SectionKey; label: string; hint: string }[]> = {
  soap: [
    { key: "subjective", label: "Subjective", hint: "What the client and family said: feelings, concerns, in their words." },
    { key: "objective", label: "Objective", hint: "What you observed: appearance, the room, behaviour, what happened." },
    { key: "assessment", label: "Assessment", hint: "Your professional reading of the session and any change." },
    { key: "plan", label: "Plan", hint: "Next steps, agreed actions, the next contact." },
  ],
  dap: [
    { key: "data", label: "Data", hint: "What was said and observed." },
    { key: "assessment", label: "Assessment", hint: "Your professional reading of the session and any change." },
    { key: "plan", label: "Plan", hint: "Next steps, agreed actions, the next contact." },
  ],
  free: [{ key: "notes", label: "Notes", hint: "" }],
};

export const sectionKeys = ["subjective", "objective", "data", "assessment", "plan", "notes"] as const;
export type SectionKey = (typeof sectionKeys)[number];

export const noteStatusLabels = { draft: "Draft", signed: "Signed" } as const;
