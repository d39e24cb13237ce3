import type { EndpointDescriptions } from '@nrm/platform/http';
import type { DuplicateAlertsController } from './duplicate-alerts.controller';

/** The long OpenAPI description of the list of duplicate-person alerts (duplicate-alerts.controller.ts). */
export const DUPLICATE_ALERTS_OPENAPI = {
  list:
    'When a case is opened, its person is compared with the earlier cases through a blind index (keyed ' +
    'hashes of the normalised name with the date of birth, or with a birth year and the citizenship; ' +
    'Azerbaijani, Latin and Russian spellings and swapped given and family names compare equal). A match ' +
    'records one alert naming the new case and the earlier cases (ids and case numbers only, most recent ' +
    'first, at most 20) and notifies coordinators (notification kind `possible-duplicate`). The opening ' +
    'officer is told nothing: the case, its timeline and their inbox are the same as without a match. ' +
    'Newest first; `status` filters. Other roles: 403.',
} satisfies EndpointDescriptions<DuplicateAlertsController>;

const RESULT_EXAMPLE = { alertId: '5b0e…', status: 'linked', revision: 0, position: '118' };

/** What the list answers, with an example page. */
export const DUPLICATE_ALERT_PAGE = {
  description: '{ items, page, pageSize, total }',
  schema: {
    example: {
      items: [
        {
          alertId: '5b0e…',
          status: 'open',
          detectedAt: '2026-11-21T08:00:00.000Z',
          case: { caseId: '9d2f…', caseNumber: 'NRM-2026-000042' },
          matchedCases: [{ caseId: '7a1c…', caseNumber: 'NRM-2026-000017' }],
          resolvedAt: null,
          resolvedBy: null,
        },
      ],
      page: 1,
      pageSize: 20,
      total: 1,
    },
  },
};

/** The OpenAPI prose of an alert's resolutions (duplicate-alerts.commands.ts): their answers and descriptions. */
export const DUPLICATE_ALERT_RESOLUTIONS_OPENAPI = {
  name: 'DuplicateAlertsController',
  tag: 'possible-duplicates',
  responses: {
    link: { description: 'The alert, now linked', example: RESULT_EXAMPLE },
    dismiss: { description: 'The alert, now dismissed', example: { ...RESULT_EXAMPLE, status: 'dismissed' } },
  },
  descriptions: {
    link:
      "Records (DuplicatePersonLinked, on the alert's stream) that the alerted case and its matched cases are " +
      'the same person: statistics then count them once (pass `position` as minPosition to GET /statistics). ' +
      'The cases themselves are unchanged. An alert already linked or dismissed: 409.',
    dismiss:
      'Records (DuplicateAlertDismissed) that the cases are different people, with the reason (personal data of ' +
      'the alerted case). Statistics keep counting them apart. An alert already linked or dismissed: 409.',
  },
};
