import {
  type DeadlineChange,
  type DeadlineSourceEvent,
  deadlineChangesOf,
  deadlineId,
  lookupNeededBy,
} from './deadline-rules';
import { shippedDeadlineSettings as settings } from '../testing';

const caseId = '6f1c1d6e-4b8a-4c1e-9d43-0a4f3c2b1a00';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function event(type: string, data: object, position = 10n, organisationId = 'police-baku'): DeadlineSourceEvent {
  return {
    type,
    data: { caseId, ...data },
    metadata: { organisationId, occurredAt: '2026-11-21T10:00:00.000Z' },
    globalPosition: position,
  };
}
const rules = (e: DeadlineSourceEvent, lookups = {}) => deadlineChangesOf(e, settings, lookups);
const recorded = new Date('2026-11-21T10:00:00.000Z');

const opened = (isChild: boolean) =>
  event('CaseOpened', {
    isChild,
    openingOrganisationId: 'police-baku',
    identification: { identifiedAt: '2026-11-20T14:30:00+04:00', place: 'Baku', country: 'AZ' },
  });

describe('deadline rules', () => {
  it('deadline ids are <kind>.<caseId>[.<reference>] and never hold a colon', () => {
    expect(deadlineId('hand-over', caseId)).toBe(`hand-over.${caseId}`);
    expect(deadlineId('shelter-answer', caseId, 'p1')).toBe(`shelter-answer.${caseId}.p1`);
    expect(() => deadlineId('shelter-answer', caseId, 'a:b')).toThrow();
  });

  it('CaseOpened opens the hand-over from the real identification time (+24 h), to the opening organisation', () => {
    const identifiedAt = new Date('2026-11-20T10:30:00Z');
    expect(rules(opened(false))).toEqual<DeadlineChange[]>([
      {
        type: 'open',
        deadline: {
          id: `hand-over.${caseId}`,
          kind: 'hand-over',
          caseId,
          reference: null,
          responsibleOrganisationId: 'police-baku',
          startedAt: identifiedAt,
          dueAt: new Date(identifiedAt.getTime() + 24 * HOUR),
        },
      },
    ]);
  });

  it('a child case also opens the child-protection notice (+24 h)', () => {
    const changes = rules(opened(true));
    expect(changes).toHaveLength(2);
    expect(changes[1]).toMatchObject({
      type: 'open',
      deadline: {
        id: `child-protection-notice.${caseId}`,
        kind: 'child-protection-notice',
        dueAt: new Date('2026-11-21T10:30:00Z'),
      },
    });
  });

  it('configured lengths are used', () => {
    const changes = deadlineChangesOf(opened(false), { ...settings, handOverHours: 48 });
    expect(changes[0]).toMatchObject({ deadline: { dueAt: new Date('2026-11-22T10:30:00Z') } });
  });

  it('CaseReferred meets the hand-over and opens the status decision in 5 working days, to the authority', () => {
    const changes = rules(
      event('CaseReferred', {
        competentAuthorityOrgId: 'mia-anti-trafficking',
        referredAt: '2026-03-13T11:00:00.000Z',
      }),
    );
    expect(changes).toEqual<DeadlineChange[]>([
      // Every open hand-over of the case: also one started when consent was given after identification.
      { type: 'meet', target: { caseId, kind: 'hand-over' }, at: new Date('2026-03-13T11:00:00.000Z') },
      {
        type: 'open',
        deadline: {
          id: `status-decision.${caseId}`,
          kind: 'status-decision',
          caseId,
          reference: null,
          responsibleOrganisationId: 'mia-anti-trafficking',
          startedAt: new Date('2026-03-13T11:00:00.000Z'),
          dueAt: new Date('2026-03-25T23:59:59.999+04:00'),
        },
      },
    ]);
  });

  it.each(['VictimStatusGranted', 'VictimStatusRefused'])('%s meets the open status decision(s)', (type) => {
    expect(rules(event(type, { decidedOn: '2026-11-21' }))).toEqual([
      { type: 'meet', target: { caseId, kind: 'status-decision' }, at: recorded },
    ]);
  });

  it('a review request opens a new status decision, referenced by its position, to the earlier authority', () => {
    const review = event('StatusDecisionReviewRequested', { reason: 'x', requestedAt: '2026-11-16T08:00:00Z' }, 77n);
    expect(lookupNeededBy(review)).toBe('competentAuthorityOrgId');
    expect(rules(review, { competentAuthorityOrgId: 'mia-anti-trafficking' })).toEqual([
      {
        type: 'open',
        deadline: expect.objectContaining({
          id: `status-decision.${caseId}.review-77`,
          reference: 'review-77',
          responsibleOrganisationId: 'mia-anti-trafficking',
          dueAt: new Date('2026-11-23T23:59:59.999+04:00'),
        }),
      },
    ]);
    expect(rules(review)[0]).toMatchObject({ deadline: { responsibleOrganisationId: 'competent-authority' } });
  });

  it('ChildProtectionNotified meets the notice', () => {
    expect(rules(event('ChildProtectionNotified', { childProtectionOrgId: 'x', notifiedAt: 'x' }))).toEqual([
      { type: 'meet', target: { id: `child-protection-notice.${caseId}` }, at: recorded },
    ]);
  });

  describe('reflection period', () => {
    const started = event(
      'ReflectionPeriodStarted',
      { periodId: 'rp1', startedAt: '2026-10-21T10:00:00.000Z', endsAt: '2026-11-20T10:00:00.000Z', days: 30 },
      20n,
      'mia-anti-trafficking',
    );

    it('opens at its (possibly past) start, due at its end, to the case owner: already due when backdated', () => {
      expect(lookupNeededBy(started)).toBe('caseOrganisationId');
      expect(rules(started, { caseOrganisationId: 'police-baku' })).toEqual([
        {
          type: 'open',
          deadline: {
            id: `reflection-period.${caseId}.rp1`,
            kind: 'reflection-period',
            caseId,
            reference: 'rp1',
            responsibleOrganisationId: 'police-baku',
            startedAt: new Date('2026-10-21T10:00:00.000Z'),
            dueAt: new Date('2026-11-20T10:00:00.000Z'),
          },
        },
      ]);
    });

    it("falls back to the acting organisation when the case's owner is not known", () => {
      expect(rules(started)[0]).toMatchObject({ deadline: { responsibleOrganisationId: 'mia-anti-trafficking' } });
    });

    it('an extension moves it, an end meets it, an expiry marks it expired', () => {
      const id = `reflection-period.${caseId}.rp1`;
      expect(rules(event('ReflectionPeriodExtended', { periodId: 'rp1', endsAt: '2026-12-05T10:00:00.000Z' }))).toEqual(
        [{ type: 'move', target: { id }, dueAt: new Date('2026-12-05T10:00:00.000Z') }],
      );
      expect(rules(event('ReflectionPeriodEnded', { periodId: 'rp1' }))).toEqual([
        { type: 'meet', target: { id }, at: recorded },
      ]);
      expect(
        rules(event('ReflectionPeriodExpired', { periodId: 'rp1', expiredAt: '2026-11-20T10:00:00.000Z' })),
      ).toEqual([{ type: 'expire', target: { id }, at: new Date('2026-11-20T10:00:00.000Z') }]);
    });
  });

  describe('shelters', () => {
    const requested = event('PlacementRequested', {
      placementId: 'pl1',
      shelterId: 's1',
      requestedAt: '2026-11-21T09:00:00.000Z',
    });

    it("a placement request opens the shelter's answer (+24 h) for its operator, or the coordinators", () => {
      expect(lookupNeededBy(requested)).toBe('shelterOperatorOrgId');
      expect(rules(requested, { shelterOperatorOrgId: 'ngo-clean-world' })).toEqual([
        {
          type: 'open',
          deadline: {
            id: `shelter-answer.${caseId}.pl1`,
            kind: 'shelter-answer',
            caseId,
            reference: 'pl1',
            responsibleOrganisationId: 'ngo-clean-world',
            startedAt: new Date('2026-11-21T09:00:00.000Z'),
            dueAt: new Date('2026-11-22T09:00:00.000Z'),
          },
        },
      ]);
      expect(rules(requested)[0]).toMatchObject({ deadline: { responsibleOrganisationId: 'coordinator' } });
    });

    it.each(['PlacementAccepted', 'PlacementDeclined'])('%s meets the answer', (type) => {
      expect(rules(event(type, { placementId: 'pl1' }))).toEqual([
        { type: 'meet', target: { id: `shelter-answer.${caseId}.pl1` }, at: recorded },
      ]);
    });

    it('check-in opens the stay (+30 days); check-out meets it', () => {
      const checkedIn = rules(
        event('PlacementCheckedIn', { placementId: 'pl1', checkedInAt: '2026-11-21T09:00:00.000Z' }),
        {
          shelterOperatorOrgId: 'ngo-clean-world',
        },
      );
      expect(checkedIn).toEqual([
        {
          type: 'open',
          deadline: expect.objectContaining({
            id: `shelter-stay.${caseId}.pl1`,
            responsibleOrganisationId: 'ngo-clean-world',
            dueAt: new Date(Date.parse('2026-11-21T09:00:00.000Z') + 30 * DAY),
          }),
        },
      ]);
      expect(rules(event('PlacementCheckedOut', { placementId: 'pl1' }))).toEqual([
        { type: 'meet', target: { id: `shelter-stay.${caseId}.pl1` }, at: recorded },
      ]);
    });
  });

  describe('reintegration', () => {
    it('a plan opens the review, due at the end of its first review day (Baku), to the case owner', () => {
      const adopted = event('ReintegrationPlanAdopted', {
        reviewEveryDays: 90,
        adoptedOn: '2026-11-21',
        nextReviewDue: '2027-02-19',
      });
      expect(rules(adopted, { caseOrganisationId: 'ngo-clean-world' })).toEqual([
        {
          type: 'open',
          deadline: {
            id: `reintegration-review.${caseId}`,
            kind: 'reintegration-review',
            caseId,
            reference: null,
            responsibleOrganisationId: 'ngo-clean-world',
            startedAt: new Date('2026-11-21T00:00:00+04:00'),
            dueAt: new Date('2027-02-19T23:59:59.999+04:00'),
          },
        },
      ]);
    });

    it('a review moves it to the next review; completion meets it', () => {
      const target = { id: `reintegration-review.${caseId}` };
      expect(rules(event('ReintegrationReviewed', { reviewedOn: '2027-02-10', nextReviewDue: '2027-05-11' }))).toEqual([
        { type: 'move', target, dueAt: new Date('2027-05-11T23:59:59.999+04:00') },
      ]);
      expect(rules(event('ReintegrationCompleted', { completedOn: '2027-06-01' }))).toEqual([
        { type: 'meet', target, at: recorded },
      ]);
    });
  });

  it('closing a case cancels all its open deadlines; reopening starts none', () => {
    expect(rules(event('CaseClosed', { reason: 'reintegrated' }))).toEqual([
      { type: 'cancel-all-of-case', caseId, at: recorded, reason: 'case-closed' },
    ]);
    expect(rules(event('CaseReopened', { reason: 'x' }))).toEqual([]);
    expect(rules(event('GuardianAppointed', {}))).toEqual([]);
  });

  describe('consent to referral (issue 11, item 6)', () => {
    const adult = { isChild: false, referred: false, caseOrganisationId: 'police-baku' };
    const consent = (consentToReferral: boolean) =>
      event('ReferralConsentRecorded', { consentToReferral, recordedAt: '2026-11-21T09:00:00.000Z' }, 42n);
    const at = new Date('2026-11-21T09:00:00.000Z');

    it('needs the case as the board knows it', () => {
      expect(lookupNeededBy(consent(false))).toBe('consent');
    });

    it('an adult opened without consent has no hand-over to be late for; a child has one all the same', () => {
      const withoutConsent = (isChild: boolean) =>
        event('CaseOpened', {
          isChild,
          consentToReferral: false,
          openingOrganisationId: 'police-baku',
          identification: { identifiedAt: '2026-11-20T14:30:00+04:00', place: 'Baku', country: 'AZ' },
        });
      expect(rules(withoutConsent(false))).toEqual([]);
      expect(rules(withoutConsent(true)).map((c) => c.type === 'open' && c.deadline.kind)).toEqual([
        'hand-over',
        'child-protection-notice',
      ]);
    });

    it('withdrawn before the referral: the open hand-over is cancelled, reason consent withdrawn', () => {
      expect(rules(consent(false), { consent: adult })).toEqual<DeadlineChange[]>([
        { type: 'cancel', target: { caseId, kind: 'hand-over' }, at, reason: 'consent-withdrawn' },
      ]);
    });

    it('given again before the referral: a new hand-over from that moment, due 24 h later', () => {
      expect(rules(consent(true), { consent: adult })).toEqual<DeadlineChange[]>([
        {
          type: 'open',
          deadline: {
            id: `hand-over.${caseId}.consent-42`,
            kind: 'hand-over',
            caseId,
            reference: 'consent-42',
            responsibleOrganisationId: 'police-baku',
            startedAt: at,
            dueAt: new Date(at.getTime() + 24 * HOUR),
          },
        },
      ]);
    });

    it('withdrawn after the referral: coordinators and the competent authority are told, once each', () => {
      const referred = {
        ...adult,
        referred: true,
        caseNumber: 'NRM-2026-000042',
        statusDecision: { deadlineId: `status-decision.${caseId}`, version: 1, organisationId: 'mia-anti-trafficking' },
      };
      const changes = rules(consent(false), { consent: referred });
      expect(
        changes.map(
          (c) => c.type === 'notify' && [c.notification.recipientRole, c.notification.recipientOrganisationId],
        ),
      ).toEqual([
        ['coordinator', null],
        [null, 'mia-anti-trafficking'],
      ]);
      for (const change of changes) {
        expect(change).toMatchObject({
          notification: {
            kind: 'consent-withdrawn',
            deadlineId: `status-decision.${caseId}`,
            caseId,
            at,
            message: expect.stringContaining('NRM-2026-000042'),
          },
        });
      }
      expect(rules(consent(true), { consent: referred })).toEqual([]);
    });

    it("a child is referred without consent: the child's deadlines stay as they are", () => {
      expect(rules(consent(false), { consent: { ...adult, isChild: true } })).toEqual([]);
      expect(rules(consent(true), { consent: { ...adult, isChild: true } })).toEqual([]);
    });
  });
});
