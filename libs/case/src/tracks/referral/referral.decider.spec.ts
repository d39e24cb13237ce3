import { DomainRuleViolation } from '@nrm/shared-kernel';
import { competentAuthorityOfficer, deciderSpec, policeOfficer } from '@nrm/shared-kernel/testing';
import { caseOpened, SPEC_NOW } from '../../testing/case-fixtures';
import type { CaseState } from '../case-state';
import type { CaseOpened } from '../identification/identification.events';
import type {
  CaseReferred,
  StatusDecisionReviewRequested,
  VictimStatusGranted,
  VictimStatusRefused,
} from './referral.events';
import {
  type DecideVictimStatus,
  type ReferCase,
  referralDecider,
  type RequestStatusDecisionReview,
} from './referral.decider';

const now = SPEC_NOW;

/** Opened by the police (the referral's usual start). */
const opened = (overrides: Partial<CaseOpened['data']> = {}): CaseOpened =>
  caseOpened({ openingOrganisationId: 'police-baku', openingOrganisationType: 'police', ...overrides });

const referred: CaseReferred = {
  type: 'CaseReferred',
  data: { caseId: 'case-1', competentAuthorityOrgId: 'mia-anti-trafficking', referredAt: '2026-11-21T09:00:00.000Z' },
};
/** What `grant()`, `refuse()` and `review()` decide. */
const granted: VictimStatusGranted = {
  type: 'VictimStatusGranted',
  data: { caseId: 'case-1', decisionNumber: '123/2026', decidedOn: '2026-11-21' },
};
const refused: VictimStatusRefused = {
  type: 'VictimStatusRefused',
  data: {
    caseId: 'case-1',
    reasons: ['No indicator of exploitation confirmed', 'Person declined the interview'],
    decidedOn: '2026-11-20',
  },
};
const reviewRequested: StatusDecisionReviewRequested = {
  type: 'StatusDecisionReviewRequested',
  data: { caseId: 'case-1', reason: 'New evidence', requestedAt: now.toISOString() },
};

const refer = (overrides: Partial<ReferCase> = {}): ReferCase => ({
  type: 'ReferCase',
  competentAuthorityOrgId: 'mia-anti-trafficking',
  actor: policeOfficer,
  now,
  ...overrides,
});
const grant = (overrides: Partial<Extract<DecideVictimStatus, { decision: 'granted' }>> = {}): DecideVictimStatus => ({
  type: 'DecideVictimStatus',
  decision: 'granted',
  decisionNumber: '123/2026',
  decidedOn: '2026-11-21',
  actor: competentAuthorityOfficer,
  now,
  ...overrides,
});
const refuse = (overrides: Partial<Extract<DecideVictimStatus, { decision: 'refused' }>> = {}): DecideVictimStatus => ({
  type: 'DecideVictimStatus',
  decision: 'refused',
  reasons: ['No indicator of exploitation confirmed', 'Person declined the interview'],
  decidedOn: '2026-11-20',
  actor: competentAuthorityOfficer,
  now,
  ...overrides,
});
const review = (reason = 'New evidence'): RequestStatusDecisionReview => ({
  type: 'RequestStatusDecisionReview',
  reason,
  actor: policeOfficer,
  now,
});

const { given, stateAfter } = deciderSpec(referralDecider);

describe('Referral decider: referral to the competent authority', () => {
  it('refers an adult who consented, and the case moves to the referral stage', () =>
    given([opened()])
      .when(refer({ note: 'Hand-over by phone at 16:00' }))
      .then((events) => {
        expect(events).toEqual([
          {
            type: 'CaseReferred',
            data: {
              caseId: 'case-1',
              competentAuthorityOrgId: 'mia-anti-trafficking',
              referredAt: now.toISOString(),
              note: 'Hand-over by phone at 16:00',
            },
          },
        ]);
        expect(stateAfter([opened(), ...events])).toMatchObject({
          stage: 'referral',
          status: 'presumed-victim',
          referral: { referredAt: now.toISOString(), competentAuthorityOrgId: 'mia-anti-trafficking', decision: null },
        });
      }));

  it('refers a child without consent: best interests of the child', () =>
    given([opened({ isChild: true, ageAtIdentification: 15, consentToReferral: false })])
      .when(refer())
      .then(([event]) => expect(event.type).toBe('CaseReferred')));

  it('refuses to refer an adult without consent to referral', () =>
    given([opened({ consentToReferral: false })])
      .when(refer())
      .thenRuleBroken('referral-needs-consent'));

  it('refers an adult whose consent was recorded after identification', () =>
    given([
      opened({ consentToReferral: false }),
      {
        type: 'ReferralConsentRecorded',
        data: { caseId: 'case-1', consentToReferral: true, recordedAt: '2026-11-21T08:00:00Z' },
      },
    ])
      .when(refer())
      .then(([event]) => expect(event.type).toBe('CaseReferred')));

  it('refuses to refer a case twice', () =>
    given([opened(), referred]).when(refer()).thenRuleBroken('already-referred'));

  it('refuses to refer a case that does not exist', () => given([]).when(refer()).thenRuleBroken('case-exists'));

  it('refuses every command on a closed case', () => {
    const open = stateAfter([opened(), referred, refused]);
    const closed = { ...open, stage: 'closed' } as CaseState;
    for (const command of [refer(), grant(), review()]) {
      let broken: unknown;
      try {
        referralDecider.decide(command, closed);
      } catch (error) {
        broken = error;
      }
      expect(broken).toBeInstanceOf(DomainRuleViolation);
      expect((broken as DomainRuleViolation).rule).toBe('case-not-closed');
    }
  });
});

describe('Referral decider: victim-status decision', () => {
  it('grants victim status with the decision number and date', () => {
    given([opened(), referred]).when(grant()).then([granted]);
    expect(stateAfter([opened(), referred, granted])).toMatchObject({
      status: 'victim',
      referral: { decision: 'granted', reviewPending: false },
    });
  });

  it('refuses victim status with the reasons', () => {
    given([opened(), referred]).when(refuse()).then([refused]);
    expect(stateAfter([opened(), referred, refused])).toMatchObject({
      status: 'not-a-victim',
      referral: { decision: 'refused' },
    });
  });

  it('refuses a decision before the referral', () =>
    given([opened()]).when(grant()).thenRuleBroken('decision-needs-referral'));

  it('refuses a second decision without a pending review', () => {
    given([opened(), referred, granted]).when(refuse()).thenRuleBroken('already-decided');
    given([opened(), referred, refused]).when(grant()).thenRuleBroken('already-decided');
  });

  it('refuses a decision dated in the future', () =>
    given([opened(), referred])
      .when(grant({ decidedOn: '2026-11-23' }))
      .thenRuleBroken('decision-date-not-in-future'));

  it('accepts a decision dated today in the earliest time zone (Baku is UTC+4)', () =>
    given([opened(), referred])
      .when(grant({ decidedOn: '2026-11-22', now: new Date('2026-11-21T21:30:00Z') }))
      .then(([event]) => expect(event.type).toBe('VictimStatusGranted')));

  it('refuses a grant without a decision number', () =>
    given([opened(), referred])
      .when(grant({ decisionNumber: '  ' }))
      .thenRuleBroken('decision-number-required'));

  it('refuses a refusal without reasons', () => {
    given([opened(), referred])
      .when(refuse({ reasons: [] }))
      .thenRuleBroken('refusal-needs-reasons');
    given([opened(), referred])
      .when(refuse({ reasons: [' '] }))
      .thenRuleBroken('refusal-needs-reasons');
  });

  it('refuses a decision on a case that does not exist', () => given([]).when(grant()).thenRuleBroken('case-exists'));
});

describe('Referral decider: review of a refusal', () => {
  it('requests a review of a refusal: presumed victim again, a new decision awaited', () => {
    given([opened(), referred, refused]).when(review('New evidence')).then([reviewRequested]);
    expect(stateAfter([opened(), referred, refused, reviewRequested])).toMatchObject({
      status: 'presumed-victim',
      referral: { decision: 'refused', reviewPending: true },
    });
  });

  it('allows a new decision once a review is pending', () =>
    given([opened(), referred, refused, reviewRequested])
      .when(grant())
      .then((events) => {
        expect(events[0].type).toBe('VictimStatusGranted');
        expect(stateAfter([opened(), referred, refused, reviewRequested, ...events])).toMatchObject({
          status: 'victim',
          referral: { decision: 'granted', reviewPending: false },
        });
      }));

  it('allows a second review after a second refusal', () =>
    given([opened(), referred, refused, reviewRequested, refused])
      .when(review())
      .then(([event]) => expect(event.type).toBe('StatusDecisionReviewRequested')));

  it('refuses a review without a refusal', () => {
    given([opened()]).when(review()).thenRuleBroken('review-needs-refusal');
    given([opened(), referred]).when(review()).thenRuleBroken('review-needs-refusal');
    given([opened(), referred, granted]).when(review()).thenRuleBroken('review-needs-refusal');
  });

  it('refuses a review while one is pending', () =>
    given([opened(), referred, refused, reviewRequested]).when(review()).thenRuleBroken('review-pending'));

  it('refuses a review on a case that does not exist', () => given([]).when(review()).thenRuleBroken('case-exists'));
});
