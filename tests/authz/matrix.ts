/**
 * The authorisation matrix: who may use each server action, route handler and page of the app,
 * and what anyone else gets instead. One row per entry point, one column per actor.
 *
 * tests/integration/authz-matrix.test.ts enumerates app/ from the source tree and fails when an
 * entry point is missing here (or listed here but gone); it then runs every action and route cell
 * against the domain layer. tests/e2e/authz-pages.spec.ts runs every page and route cell against
 * the running production app.
 *
 * The actors. One person per role; for the case-bound entry points the case varies:
 *  - anonymous            no session cookie at all.
 *  - counsellorOwnCase    counsellor of team North, on a case assigned to them.
 *  - counsellorOtherCase  the same counsellor, on a case of ANOTHER counsellor of the SAME team
 *                         (so it is the per-counsellor scope that must refuse, not the team).
 *  - supervisorOwnTeam    supervisor of team North, on a case of team North.
 *  - supervisorOtherTeam  the same supervisor, on a case of team South.
 *  - admin, analyst       on the first counsellor's case (they never see cases).
 * Where an entry point is not about one case (admin screens, statistics…), both case variants
 * of a role carry the same expectation.
 *
 * The outcomes:
 *  - allowed          action: `ok: true`; route: 200; page: 200.
 *  - not-found        domain NotFound (the record is outside the actor's scope). Action: `ok: false`
 *                     and a `denied` audit row with reason NotFound; route and page: 404.
 *  - forbidden        domain Forbidden (the role lacks the permission). Action: `ok: false` and a
 *                     `denied` audit row with reason Forbidden; route and page: 404 as well, so the
 *                     existence of the screen or record is not confirmed.
 *  - unauthenticated  action: "Your session has ended" and a `denied` audit row with reason
 *                     Unauthenticated; route: 401; page: redirect to /login.
 *  - redirect-home    page only: a signed-in person asking for /login is sent to /.
 */

export const ACTORS = [
  "anonymous",
  "counsellorOwnCase",
  "counsellorOtherCase",
  "supervisorOwnTeam",
  "supervisorOtherTeam",
  "admin",
  "analyst",
] as const;
export type ActorKey = (typeof ACTORS)[number];

export type Outcome = "allowed" | "not-found" | "forbidden" | "unauthenticated" | "redirect-home";
export type Row = Readonly<Record<ActorKey, Outcome>>;

const U = "unauthenticated";
const A = "allowed";
const N = "not-found";
const F = "forbidden";
const H = "redirect-home";

/** Anyone, signed in or not. */
const PUBLIC: Row = { anonymous: A, counsellorOwnCase: A, counsellorOtherCase: A, supervisorOwnTeam: A, supervisorOtherTeam: A, admin: A, analyst: A };
/** Anyone signed in. */
const SIGNED_IN: Row = { anonymous: U, counsellorOwnCase: A, counsellorOtherCase: A, supervisorOwnTeam: A, supervisorOtherTeam: A, admin: A, analyst: A };
const ADMIN_ONLY: Row = { anonymous: U, counsellorOwnCase: F, counsellorOtherCase: F, supervisorOwnTeam: F, supervisorOtherTeam: F, admin: A, analyst: F };
/** Counsellors and supervisors, not about one case (new case, client search, the cases list). */
const CASEWORKERS: Row = { anonymous: U, counsellorOwnCase: A, counsellorOtherCase: A, supervisorOwnTeam: A, supervisorOtherTeam: A, admin: F, analyst: F };
/** Read or change one case: its counsellor and its team's supervisor. */
const CASE_IN_SCOPE: Row = { anonymous: U, counsellorOwnCase: A, counsellorOtherCase: N, supervisorOwnTeam: A, supervisorOtherTeam: N, admin: F, analyst: F };
/** Only the counsellor who holds the case (notes, measures, milestones). */
const CASE_COUNSELLOR: Row = { anonymous: U, counsellorOwnCase: A, counsellorOtherCase: N, supervisorOwnTeam: F, supervisorOtherTeam: F, admin: F, analyst: F };
/** Only the supervisor of the case's team (reassignment, note review, access log). */
const CASE_SUPERVISOR: Row = { anonymous: U, counsellorOwnCase: F, counsellorOtherCase: F, supervisorOwnTeam: A, supervisorOtherTeam: N, admin: F, analyst: F };
/** Supervisors, for their own team (reports, review queue). */
const SUPERVISORS: Row = { anonymous: U, counsellorOwnCase: F, counsellorOtherCase: F, supervisorOwnTeam: A, supervisorOtherTeam: A, admin: F, analyst: F };
/** Anonymised statistics: analysts, admins, and supervisors for their team. */
const STATISTICS: Row = { anonymous: U, counsellorOwnCase: F, counsellorOtherCase: F, supervisorOwnTeam: A, supervisorOtherTeam: A, admin: A, analyst: A };
/** The sign-in page: open to the signed-out, a signed-in person is sent home. */
const LOGIN: Row = { anonymous: A, counsellorOwnCase: H, counsellorOtherCase: H, supervisorOwnTeam: H, supervisorOtherTeam: H, admin: H, analyst: H };

/** Every export of every "use server" module, by file (relative to the project root) and export name. */
export const serverActions: Readonly<Record<string, Readonly<Record<string, Row>>>> = {
  "app/(auth)/set-password/actions.ts": {
    // Following a set-password link needs no session: the single-use token is the authority.
    setPasswordAction: PUBLIC,
  },
  "app/(app)/account/actions.ts": {
    changePasswordAction: SIGNED_IN,
  },
  "app/(app)/admin/accounts/actions.ts": {
    createAccountAction: ADMIN_ONLY,
    updateAccountAction: ADMIN_ONLY,
    setAccountStatusAction: ADMIN_ONLY,
    issuePasswordLinkAction: ADMIN_ONLY,
  },
  "app/(app)/admin/teams/actions.ts": {
    createTeamAction: ADMIN_ONLY,
    renameTeamAction: ADMIN_ONLY,
  },
  "app/(app)/admin/factors/actions.ts": {
    createFactorAction: ADMIN_ONLY,
    renameFactorAction: ADMIN_ONLY,
    retireFactorAction: ADMIN_ONLY,
  },
  "app/(app)/admin/settings/actions.ts": {
    updateSettingsAction: ADMIN_ONLY,
  },
  "app/(app)/cases/actions.ts": {
    createCaseAction: CASEWORKERS,
    findClientsAction: CASEWORKERS,
    updateCaseAction: CASE_IN_SCOPE,
    changeStatusAction: CASE_IN_SCOPE,
    assignCaseAction: CASE_SUPERVISOR,
    tagFactorAction: CASE_IN_SCOPE,
    untagFactorAction: CASE_IN_SCOPE,
    setPrimaryFactorAction: CASE_IN_SCOPE,
    raiseFlagAction: CASE_IN_SCOPE,
    resolveFlagAction: CASE_IN_SCOPE,
    updateClientAction: CASE_IN_SCOPE,
    addContactAction: CASE_IN_SCOPE,
    revealIdentityAction: CASE_IN_SCOPE,
    factorHistoryAction: CASE_IN_SCOPE,
  },
  "app/(app)/cases/[caseId]/notes/actions.ts": {
    saveNoteAction: CASE_COUNSELLOR,
    addAddendumAction: CASE_COUNSELLOR,
    reviewNoteAction: CASE_SUPERVISOR,
  },
  "app/(app)/cases/[caseId]/outcomes/actions.ts": {
    recordMeasureAction: CASE_COUNSELLOR,
    recordMilestoneAction: CASE_COUNSELLOR,
    removeMilestoneAction: CASE_COUNSELLOR,
  },
};

/** Every exported HTTP method of every route handler. */
export const routeHandlers: Readonly<Record<string, Readonly<Partial<Record<HttpMethod, Row>>>>> = {
  "app/api/health/route.ts": { GET: PUBLIC },
  // next-auth's own endpoints (session, csrf, sign-in, sign-out): public by nature.
  "app/api/auth/[...nextauth]/route.ts": { GET: PUBLIC, POST: PUBLIC },
  "app/api/audit/route.ts": { GET: ADMIN_ONLY },
  "app/api/reports/[table]/route.ts": { GET: SUPERVISORS },
  "app/api/statistics/route.ts": { GET: STATISTICS },
  "app/api/statistics/research/route.ts": { GET: ADMIN_ONLY },
};

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Every page. */
export const pages: Readonly<Record<string, Row>> = {
  "app/(auth)/login/page.tsx": LOGIN,
  // The page itself is a form; the token in the URL fragment is checked by its action.
  "app/(auth)/set-password/page.tsx": PUBLIC,
  "app/(app)/page.tsx": SIGNED_IN,
  "app/(app)/account/page.tsx": SIGNED_IN,
  "app/(app)/admin/accounts/page.tsx": ADMIN_ONLY,
  "app/(app)/admin/teams/page.tsx": ADMIN_ONLY,
  "app/(app)/admin/factors/page.tsx": ADMIN_ONLY,
  "app/(app)/admin/settings/page.tsx": ADMIN_ONLY,
  "app/(app)/admin/audit/page.tsx": ADMIN_ONLY,
  "app/(app)/cases/page.tsx": CASEWORKERS,
  "app/(app)/cases/new/page.tsx": CASEWORKERS,
  "app/(app)/cases/[caseId]/page.tsx": CASE_IN_SCOPE,
  "app/(app)/cases/[caseId]/outcomes/page.tsx": CASE_IN_SCOPE,
  "app/(app)/cases/[caseId]/notes/[noteId]/page.tsx": CASE_IN_SCOPE,
  "app/(app)/cases/[caseId]/notes/new/page.tsx": CASE_COUNSELLOR,
  "app/(app)/cases/[caseId]/access/page.tsx": CASE_SUPERVISOR,
  "app/(app)/reviews/page.tsx": SUPERVISORS,
  "app/(app)/reports/page.tsx": SUPERVISORS,
  "app/(app)/statistics/page.tsx": STATISTICS,
};

/** The URL pattern of a page or route file: route groups dropped, e.g. "/cases/[caseId]/notes/[noteId]". */
export function urlPattern(file: string): string {
  const segments = file
    .replace(/^app\//, "")
    .split("/")
    .slice(0, -1)
    .filter((segment) => !/^\(.*\)$/.test(segment));
  return `/${segments.join("/")}`;
}

/** Fills the dynamic segments of a URL pattern; throws if one is left without a value. */
export function fillPattern(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for [${name}] in ${pattern}`);
    return encodeURIComponent(value);
  });
}

/** How many cells the matrix has, by kind. */
export function cellCounts() {
  const actions = Object.values(serverActions).reduce((n, file) => n + Object.keys(file).length, 0) * ACTORS.length;
  const routes = Object.values(routeHandlers).reduce((n, file) => n + Object.keys(file).length, 0) * ACTORS.length;
  const pageCells = Object.keys(pages).length * ACTORS.length;
  return { actions, routes, pages: pageCells, total: actions + routes + pageCells };
}
