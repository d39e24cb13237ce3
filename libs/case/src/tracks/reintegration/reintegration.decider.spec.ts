import type { CaseEvent } from '..';
import type { ReintegrationProgress } from './reintegration.events';
import { caseOpened, caseWorker, SPEC_NOW } from '../../testing/case-fixtures';
import { deciderSpec } from '@nrm/shared-kernel/testing';
import { type ReintegrationCommand, reintegrationDecider } from './reintegration.decider';

const now = SPEC_NOW;
const worker = caseWorker('assistance-centre-baku', 'assistance-centre');
const caseId = 'case-1';
/** A child citizen's case, opened by the assistance centre. */
const opened = caseOpened({
  caseId,
  caseNumber: 'NRM-2026-000002',
  person: { givenName: 'A', familyName: 'B', estimatedAge: 15, languages: ['az'] },
  sex: 'male',
  citizenship: 'AZ',
  ageAtIdentification: 15,
  isChild: true,
  identification: { identifiedAt: '2026-11-20T10:00:00Z', place: 'Gəncə', country: 'AZ' },
  exploitationTypes: ['forced-begging'],
  openingOrganisationId: 'assistance-centre-baku',
  openingOrganisationType: 'assistance-centre',
});

/** The plan `adopt()` adopts: the first review falls due in 90 days. */
const adopted: CaseEvent = {
  type: 'ReintegrationPlanAdopted',
  data: {
    caseId,
    goals: [
      { domain: 'education', description: 'Return to school', targetDate: '2027-01-15' },
      { domain: 'psychological', description: 'Weekly counselling' },
    ],
    reviewEveryDays: 90,
    adoptedOn: '2026-11-21',
    nextReviewDue: '2027-02-19',
  },
};
/** A review on `reviewedOn` with the notes `review()` takes; the next one falls due on `nextReviewDue`. */
const reviewed = (reviewedOn: string, progress: ReintegrationProgress, nextReviewDue: string): CaseEvent => ({
  type: 'ReintegrationReviewed',
  data: { caseId, reviewedOn, progress, notes: 'Attends school', nextReviewDue },
});
const completed: CaseEvent = {
  type: 'ReintegrationCompleted',
  data: { caseId, completedOn: '2026-11-21', outcome: 'reintegrated' },
};

const adopt = (overrides: Partial<Extract<ReintegrationCommand, { type: 'AdoptReintegrationPlan' }>> = {}) =>
  ({
    type: 'AdoptReintegrationPlan',
    goals: [
      { domain: 'education', description: 'Return to school', targetDate: '2027-01-15' },
      { domain: 'psychological', description: 'Weekly counselling' },
    ],
    actor: worker,
    now,
    ...overrides,
  }) as ReintegrationCommand;
const service = (domain: 'education' | 'housing' = 'education', deliveredOn = '2026-11-21'): ReintegrationCommand => ({
  type: 'RecordReintegrationService',
  domain,
  providerOrgId: 'ngo-clean-world',
  description: 'Enrolled at school no. 5',
  deliveredOn,
  actor: worker,
  now,
});
const review = (reviewedOn = '2026-11-21'): ReintegrationCommand => ({
  type: 'ReviewReintegration',
  reviewedOn,
  progress: 'on-track',
  notes: 'Attends school',
  actor: worker,
  now,
});
const complete = (completedOn = '2026-11-21'): ReintegrationCommand => ({
  type: 'CompleteReintegration',
  completedOn,
  outcome: 'reintegrated',
  actor: worker,
  now,
});

const { given, stateAfter } = deciderSpec(reintegrationDecider);

describe('Reintegration decider: the plan', () => {
  it('adopts a plan (for a presumed victim too), first review due in 90 days by default', () =>
    given([opened]).when(adopt()).then([adopted]));

  it('takes another review interval', () =>
    given([opened])
      .when(adopt({ reviewEveryDays: 30 }))
      .then(([event]) => expect(event.data).toMatchObject({ reviewEveryDays: 30, nextReviewDue: '2026-12-21' })));

  it('moves the case to stage reintegration', () =>
    expect(stateAfter([opened, adopted])).toMatchObject({
      stage: 'reintegration',
      reintegration: { plan: { goalDomains: ['education', 'psychological'], nextReviewDue: '2027-02-19' } },
    }));

  it('refuses a plan without goals', () =>
    given([opened])
      .when(adopt({ goals: [] }))
      .thenRuleBroken('plan-needs-goals'));

  it('refuses a second plan', () => given([opened, adopted]).when(adopt()).thenRuleBroken('plan-exists'));

  it('refuses a plan for a case that does not exist', () => given([]).when(adopt()).thenRuleBroken('case-exists'));
});

describe('Reintegration decider: services', () => {
  it('records a service in one of the plan goal domains', () =>
    given([opened, adopted])
      .when(service())
      .then([
        {
          type: 'ReintegrationServiceDelivered',
          data: {
            caseId,
            domain: 'education',
            providerOrgId: 'ngo-clean-world',
            description: 'Enrolled at school no. 5',
            deliveredOn: '2026-11-21',
          },
        },
      ]));

  it('records a service delivered before the plan was written down', () =>
    given([opened, adopted])
      .when(service('education', '2026-11-01'))
      .then(([event]) => expect(event.type).toBe('ReintegrationServiceDelivered')));

  it('refuses a service without a plan', () =>
    given([opened]).when(service()).thenRuleBroken('needs-reintegration-plan'));

  it('refuses a service outside the plan goal domains', () =>
    given([opened, adopted]).when(service('housing')).thenRuleBroken('service-outside-plan'));

  it('refuses a service delivered in the future', () =>
    given([opened, adopted]).when(service('education', '2026-12-01')).thenRuleBroken('delivered-not-in-future'));

  it('refuses a service once the plan is completed', () =>
    given([opened, adopted, completed]).when(service()).thenRuleBroken('reintegration-completed'));
});

describe('Reintegration decider: reviews', () => {
  it('records a review; the next falls due reviewedOn + the plan interval', () =>
    given([opened, adopted])
      .when(review())
      .then([reviewed('2026-11-21', 'on-track', '2027-02-19')]));

  it('folds the next review due into the state', () =>
    expect(stateAfter([opened, adopted, reviewed('2027-02-10', 'delayed', '2027-05-11')])).toMatchObject({
      reintegration: { plan: { nextReviewDue: '2027-05-11' } },
    }));

  it('refuses a review without a plan', () =>
    given([opened]).when(review()).thenRuleBroken('needs-reintegration-plan'));

  it('refuses a review in the future', () =>
    given([opened, adopted]).when(review('2026-12-01')).thenRuleBroken('review-not-in-future'));

  it('refuses a review dated before the plan', () =>
    given([opened, adopted]).when(review('2026-11-01')).thenRuleBroken('review-before-plan'));

  it('refuses a review once the plan is completed', () =>
    given([opened, adopted, completed]).when(review()).thenRuleBroken('reintegration-completed'));
});

describe('Reintegration decider: completion', () => {
  it('completes the plan; no review falls due any more', () => {
    given([opened, adopted]).when(complete()).then([completed]);
    expect(stateAfter([opened, adopted, completed])).toMatchObject({
      stage: 'reintegration',
      reintegration: { plan: { completed: true, nextReviewDue: null } },
    });
  });

  it('refuses completion without a plan', () =>
    given([opened]).when(complete()).thenRuleBroken('needs-reintegration-plan'));

  it('refuses to complete twice', () =>
    given([opened, adopted, completed]).when(complete()).thenRuleBroken('reintegration-completed'));

  it('refuses a completion in the future or before the plan', () => {
    given([opened, adopted]).when(complete('2026-12-01')).thenRuleBroken('completion-not-in-future');
    given([opened, adopted]).when(complete('2026-11-01')).thenRuleBroken('completion-before-plan');
  });

  it('refuses on a closed case', () => {
    const state = stateAfter([opened, adopted]);
    const closed = state.exists ? { ...state, stage: 'closed' as const } : state;
    expect(() => reintegrationDecider.decide(complete(), closed)).toThrow(
      expect.objectContaining({ rule: 'case-not-closed' }),
    );
  });
});
