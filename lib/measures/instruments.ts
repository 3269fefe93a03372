/**
 * Outcome instruments as data: items and their answers, score range, bands, direction and the
 * flags an answer raises. Scoring (scoring.ts) reads only this, so a service can add an
 * instrument by adding a definition. Bands and cut-offs follow docs/domain.md exactly.
 */
export type Direction = "lower_is_better" | "higher_is_better";
export type Band = { code: string; label: string; min: number; max: number; concern: boolean };
export type Option = { value: number; label: string };
export type Subscale = { code: string; label: string; min: number; max: number; items?: number[] };

export interface Instrument {
  code: string;
  name: string;
  source: string;
  /** What the person is asked about, shown above the items. */
  stem?: string;
  direction: Direction;
  total: { min: number; max: number };
  /** Items with their answers; empty when the instrument is entered as a total. */
  items: { text: string; options: Option[] }[];
  /** The total may be entered without the items. */
  totalOnly: boolean;
  subscales: Subscale[];
  bands: Band[];
  /** The line drawn on trend charts, if the instrument has a screening cut-off. */
  cutoff?: { value: number; label: string };
  /** Item number (1-based) whose answer above 0 raises a self-harm risk flag on the case. */
  selfHarmItem?: number;
}

const twoWeeks: Option[] = [
  { value: 0, label: "Not at all" },
  { value: 1, label: "Several days" },
  { value: 2, label: "More than half the days" },
  { value: 3, label: "Nearly every day" },
];

const network: Option[] = [
  { value: 0, label: "None" },
  { value: 1, label: "One" },
  { value: 2, label: "Two" },
  { value: 3, label: "Three or four" },
  { value: 4, label: "Five to eight" },
  { value: 5, label: "Nine or more" },
];

const howOften: Option[] = [
  { value: 1, label: "Hardly ever" },
  { value: 2, label: "Some of the time" },
  { value: 3, label: "Often" },
];

const items = (options: Option[], texts: string[]) => texts.map((text) => ({ text, options }));

export const HQ25: Instrument = {
  code: "HQ25",
  name: "Hikikomori Questionnaire (HQ-25)",
  source: "Teo et al. 2018",
  direction: "lower_is_better",
  total: { min: 0, max: 100 },
  items: [],
  totalOnly: true,
  subscales: [
    { code: "socialization", label: "Socialization", min: 0, max: 44 },
    { code: "isolation", label: "Isolation", min: 0, max: 32 },
    { code: "emotional_support", label: "Emotional support", min: 0, max: 24 },
  ],
  bands: [
    { code: "below_cutoff", label: "Below cut-off", min: 0, max: 41, concern: false },
    { code: "above_cutoff", label: "Above cut-off", min: 42, max: 100, concern: true },
  ],
  cutoff: { value: 42, label: "Cut-off 42" },
};

export const PHQ9: Instrument = {
  code: "PHQ9",
  name: "Patient Health Questionnaire (PHQ-9)",
  source: "Kroenke, Spitzer & Williams 2001",
  stem: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
  direction: "lower_is_better",
  total: { min: 0, max: 27 },
  items: items(twoWeeks, [
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
  ]),
  totalOnly: false,
  subscales: [],
  bands: [
    { code: "minimal", label: "Minimal", min: 0, max: 4, concern: false },
    { code: "mild", label: "Mild", min: 5, max: 9, concern: false },
    { code: "moderate", label: "Moderate", min: 10, max: 14, concern: true },
    { code: "moderately_severe", label: "Moderately severe", min: 15, max: 19, concern: true },
    { code: "severe", label: "Severe", min: 20, max: 27, concern: true },
  ],
  cutoff: { value: 10, label: "Moderate 10" },
  selfHarmItem: 9,
};

export const GAD7: Instrument = {
  code: "GAD7",
  name: "Generalized Anxiety Disorder (GAD-7)",
  source: "Spitzer et al. 2006",
  stem: "Over the last 2 weeks, how often have you been bothered by the following problems?",
  direction: "lower_is_better",
  total: { min: 0, max: 21 },
  items: items(twoWeeks, [
    "Feeling nervous, anxious, or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid, as if something awful might happen",
  ]),
  totalOnly: false,
  subscales: [],
  bands: [
    { code: "minimal", label: "Minimal", min: 0, max: 4, concern: false },
    { code: "mild", label: "Mild", min: 5, max: 9, concern: false },
    { code: "moderate", label: "Moderate", min: 10, max: 14, concern: true },
    { code: "severe", label: "Severe", min: 15, max: 21, concern: true },
  ],
  cutoff: { value: 10, label: "Moderate 10" },
};

export const LSNS6: Instrument = {
  code: "LSNS6",
  name: "Lubben Social Network Scale (LSNS-6)",
  source: "Lubben et al. 2006",
  direction: "higher_is_better",
  total: { min: 0, max: 30 },
  items: items(network, [
    "Family: How many relatives do you see or hear from at least once a month?",
    "Family: How many relatives do you feel at ease with that you can talk about private matters?",
    "Family: How many relatives do you feel close to such that you could call on them for help?",
    "Friends: How many of your friends do you see or hear from at least once a month?",
    "Friends: How many friends do you feel at ease with that you can talk about private matters?",
    "Friends: How many friends do you feel close to such that you could call on them for help?",
  ]),
  totalOnly: false,
  subscales: [
    { code: "family", label: "Family", min: 0, max: 15, items: [1, 2, 3] },
    { code: "friends", label: "Friends", min: 0, max: 15, items: [4, 5, 6] },
  ],
  bands: [
    { code: "at_risk", label: "At risk of isolation", min: 0, max: 11, concern: true },
    { code: "not_at_risk", label: "Not at risk", min: 12, max: 30, concern: false },
  ],
  cutoff: { value: 12, label: "Isolation risk below 12" },
};

export const UCLA3: Instrument = {
  code: "UCLA3",
  name: "Three-item loneliness scale (UCLA-3)",
  source: "Hughes et al. 2004",
  direction: "lower_is_better",
  total: { min: 3, max: 9 },
  items: items(howOften, [
    "How often do you feel that you lack companionship?",
    "How often do you feel left out?",
    "How often do you feel isolated from others?",
  ]),
  totalOnly: false,
  subscales: [],
  bands: [
    { code: "not_lonely", label: "Not lonely", min: 3, max: 5, concern: false },
    { code: "lonely", label: "Lonely", min: 6, max: 9, concern: true },
  ],
  cutoff: { value: 6, label: "Lonely 6" },
};

export const DAYSOUT: Instrument = {
  code: "DAYSOUT",
  name: "Days out of home, past week",
  source: "Kato, Kanba & Teo 2020 (severity)",
  direction: "higher_is_better",
  total: { min: 0, max: 7 },
  items: [
    {
      text: "On how many days in the past week did the client go out of their home?",
      options: Array.from({ length: 8 }, (_, value) => ({ value, label: String(value) })),
    },
  ],
  totalOnly: false,
  subscales: [],
  bands: [
    { code: "moderate", label: "Moderate (1 day or fewer)", min: 0, max: 1, concern: true },
    { code: "mild", label: "Mild (2–3 days)", min: 2, max: 3, concern: true },
    { code: "not_met", label: "Does not meet the criteria (4+ days)", min: 4, max: 7, concern: false },
  ],
  cutoff: { value: 4, label: "4 days: criteria not met" },
};

export const instruments = [HQ25, PHQ9, GAD7, LSNS6, UCLA3, DAYSOUT] as const;
export type InstrumentCode = (typeof instruments)[number]["code"];
export const instrumentCodes = instruments.map((i) => i.code) as [string, ...string[]];

export function instrumentFor(code: string): Instrument | undefined {
  return instruments.find((instrument) => instrument.code === code);
}
