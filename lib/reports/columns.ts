import { closureOutcomeLabels, statusLabels } from "../cases/labels";
import { percentOf } from "../format";
import { instrumentFor } from "../measures/instruments";
import { milestoneLabels } from "../milestones/labels";
import type { Column } from "./csv";
import type {
  CaseloadRow,
  CategoryRow,
  CountRow,
  FactorRow,
  FlowRow,
  MilestoneRow,
  OutcomeRow,
  PairRow,
  ReportTable,
} from "./team-report";

const label = (labels: Record<string, string>, key: string | null) => (key === null ? "—" : (labels[key] ?? key));

/**
 * The columns of each report table, used both for the table on screen and for its CSV, so a
 * download always says what the screen says. Internal management data: counsellor names, never
 * a client's.
 */
export const reportColumns = {
  caseload: [
    { header: "Counsellor", value: (r: CaseloadRow) => r.counsellor },
    { header: "Open cases today", value: (r: CaseloadRow) => r.openCases },
    { header: "New referrals", value: (r: CaseloadRow) => r.referrals },
    { header: "Closed", value: (r: CaseloadRow) => r.closed },
    { header: "Sessions", value: (r: CaseloadRow) => r.sessions },
    { header: "Hours of contact", value: (r: CaseloadRow) => r.hours },
    { header: "Median days since last contact (open cases today)", value: (r: CaseloadRow) => r.medianDaysSinceContact },
    { header: "No contact 30+ days today", value: (r: CaseloadRow) => r.noContact30 },
  ],
  status: [
    { header: "Status", value: (r: CountRow) => label(statusLabels, r.key) },
    { header: "Cases", value: (r: CountRow) => r.count },
  ],
  flow: [
    { header: "From", value: (r: FlowRow) => (r.from === null ? "New referral" : label(statusLabels, r.from)) },
    { header: "To", value: (r: FlowRow) => label(statusLabels, r.to) },
    { header: "Changes", value: (r: FlowRow) => r.count },
  ],
  factors: [
    { header: "Factor", value: (r: FactorRow) => r.factor },
    { header: "Category", value: (r: FactorRow) => r.category },
    { header: "Cases", value: (r: FactorRow) => r.cases },
    { header: "Share of cases (%)", value: (r: FactorRow) => r.share },
  ],
  categories: [
    { header: "Category", value: (r: CategoryRow) => r.category },
    { header: "Cases", value: (r: CategoryRow) => r.cases },
    { header: "Share of cases (%)", value: (r: CategoryRow) => r.share },
  ],
  pairs: [
    { header: "Factor", value: (r: PairRow) => r.first },
    { header: "With factor", value: (r: PairRow) => r.second },
    { header: "Cases with both", value: (r: PairRow) => r.cases },
  ],
  outcomes: [
    { header: "Instrument", value: (r: OutcomeRow) => instrumentFor(r.instrument)?.name ?? r.instrument },
    { header: "Cases with 2+ results", value: (r: OutcomeRow) => r.cases },
    { header: "Median first", value: (r: OutcomeRow) => r.medianFirst },
    { header: "Median latest", value: (r: OutcomeRow) => r.medianLatest },
    { header: "Improved (%)", value: (r: OutcomeRow) => percentOf(r.improved, r.cases) },
    { header: "No change (%)", value: (r: OutcomeRow) => percentOf(r.noChange, r.cases) },
    { header: "Worse (%)", value: (r: OutcomeRow) => percentOf(r.worse, r.cases) },
  ],
  milestones: [
    { header: "Milestone", value: (r: MilestoneRow) => label(milestoneLabels, r.milestone) },
    { header: "Cases", value: (r: MilestoneRow) => r.cases },
    { header: "Share of cases (%)", value: (r: MilestoneRow) => r.share },
    { header: "Median days from referral", value: (r: MilestoneRow) => r.medianDays },
  ],
  closures: [
    { header: "Closure outcome", value: (r: CountRow) => label(closureOutcomeLabels, r.key) },
    { header: "Cases", value: (r: CountRow) => r.count },
  ],
} satisfies Record<ReportTable, Column<never>[]>;
