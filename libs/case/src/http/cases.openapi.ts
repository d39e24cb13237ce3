import type { EndpointDescriptions } from '@nrm/platform/http';
import type { CaseAccessLogController } from './case-access-log.controller';
import type { CasesController } from './cases.controller';

/** The long OpenAPI descriptions of the case reads (cases.controller.ts), by method. */
export const CASES_OPENAPI = {
  list:
    'Newest first, paginated; filters by stage, status, organisation, deadline, child flag and case number. ' +
    'Need to know: coordinators and the competent authority see every case; first responders the cases ' +
    'their organisation owns; case workers those their organisation owns or that were referred to it; ' +
    'shelter staff the cases with a requested, accepted or checked-in placement at a shelter their ' +
    'organisation operates. Nothing else is listed or counted. Each item says its `view`: `full`, or ' +
    '`care` for shelter staff (id, caseNumber, revision, stage, status, isChild, displayName, ' +
    'personalDataErased and the latest placement at its own shelters only: no exploitation types, no owner, ' +
    'no deadlines). Items carry the stage derived from the tracks, the tracks active now, the next deadline ' +
    'of any kind and the latest placement. Filters: `stage` (the derived stage), `track` (any track the ' +
    'case is in now), `deadlineDueBefore` (an open deadline of any kind due before), `deadlineKind`. ' +
    'Analysts and admins: 403.',
  get:
    'ETag carries the stream revision, for If-Match on commands. A case the caller may not see is 404, exactly ' +
    'as one that does not exist (same rules as GET /cases). `view` says how much is shown: `full`, or `care` ' +
    'for shelter staff: name, date of birth or estimated age, languages (person), age at identification, sex, ' +
    'citizenship, urgent needs, child flag, stage, status, case number and revision; never the narrative, ' +
    'indicators, exploitation types, identification circumstances, who opened it or who owns it. ' +
    'The page shows every track of the case (`tracks`: consent, child protection, referral, status decision, ' +
    'reflection period, placements, repatriation, reintegration, closure), the tracks active now, the open ' +
    'deadlines (the deadline board) and who holds the case; the care view adds only its placements, a ' +
    "child's guardian and notice, and the shelter deadlines its organisation answers for. " +
    'With `asOf`: the case as recorded at that instant (README "The case as of any moment"): the same ' +
    'view, `asOf` echoed, the ETag and revision of then, no deadline board (`openDeadlines` and ' +
    '`nextDeadline` null: the board has no past; the dates that governed are in the tracks). ' +
    'Analysts and admins: 403.',
  timeline:
    'Only for those who see the case in full (404 otherwise, exactly as for a missing case); shelter ' +
    'staff, analysts and admins: 403. With `asOf`: only the entries recorded up to that instant (404 when ' +
    'none was); `at` is when each was recorded.',
} satisfies EndpointDescriptions<CasesController>;

/** The long OpenAPI description of the case access log (case-access-log.controller.ts). */
export const CASE_ACCESS_LOG_OPENAPI = {
  accessLog:
    'Coordinators only. Every read of the case (who, which organisation, when, through which endpoint: ' +
    'GET /cases/{id}, GET /cases/{id}/timeline, GET /cases for each case listed, GET /shelters/{id} for each ' +
    'placement shown) and every disclosure to another organisation (referral, transfer, placement, ' +
    'child-protection notification: the recipient and the categories of data it received), oldest first, ' +
    'paginated. Reads are recorded by the API in the request and never edited; disclosures are projected ' +
    "from the events (pass a command's `position` as minPosition to see its disclosure). Reading the access " +
    'log is not itself recorded: it holds no personal data of the victim.',
} satisfies EndpointDescriptions<CaseAccessLogController>;
