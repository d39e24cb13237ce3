import type { EndpointDescriptions } from '@nrm/platform/http';
import { caseCommandAnswer } from '../../http/track-routes';
import type { IndicatorsController } from './indicators.controller';

/** The OpenAPI prose of identification's routes (identification.commands.ts): answers and descriptions. */
export const IDENTIFICATION_OPENAPI = {
  name: 'IdentificationController',
  tag: 'cases',
  responses: {
    open: {
      description: 'Case opened',
      example: { caseId: '7a1c…', caseNumber: 'NRM-2026-000001', revision: 0, position: '42' },
    },
    recordConsent: caseCommandAnswer('New revision and position', 1, '43'),
  },
  descriptions: {
    open:
      'A first responder records the person, where and when they were found, the forms of exploitation, the ' +
      'indicators observed (codes of the current catalogue), urgent needs and consent to referral. A person under ' +
      '18 (from the date of birth or the estimated age at identification) makes a child case. The answer carries ' +
      'the new revision (also as ETag) and the global position of the event, to pass as minPosition on reads.',
    recordConsent:
      'Recording the consent the case already holds appends nothing. With If-Match, a case changed since it was ' +
      'read is refused with 412.',
  },
};

/** The OpenAPI prose of the child-case routes (identification.commands.ts): their answer and descriptions. */
export const CHILD_CASE_OPENAPI = {
  name: 'ChildCaseController',
  tag: 'cases',
  response: caseCommandAnswer(
    'New revision (also as ETag) and the global position, to pass as minPosition on reads',
    1,
    '43',
  ),
  descriptions: {
    notifyChildProtection:
      'Only for child cases (422 not-a-child-case), once per case (409 child-protection-notified-once); notifiedAt ' +
      'may not lie in the future (422 notified-at-not-in-future).',
    appointGuardian:
      "Only for child cases (422 not-a-child-case). The guardian's name is personal data: it is encrypted with the " +
      "child's key and never shown on the timeline. A later appointment replaces the guardian. appointedOn may " +
      'not lie in the future (422 appointed-on-not-in-future).',
  },
};

/** The long OpenAPI description of the indicator catalogue (indicators.controller.ts). */
export const INDICATORS_OPENAPI = {
  current:
    'Versioned data: groups (general, sexual exploitation, labour exploitation, begging, child), codes, ' +
    'ILO/EC 2009 dimension and strength, texts in Azerbaijani and English. Cases record the version used.',
} satisfies EndpointDescriptions<IndicatorsController>;
