import type { SchemaObject } from '@nestjs/swagger';
import { CASE_STAGES } from '../domain/case-vocabulary';
import { PLACEMENT_TRACK_STATES } from '../read-models/case-tracks';

/** OpenAPI shapes of what GET /cases and GET /cases/{id} add (README "The case page"). */

const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
const text: SchemaObject = { type: 'string' };
const instant: SchemaObject = { type: 'string', format: 'date-time' };
const day: SchemaObject = { type: 'string', format: 'date' };
const object = (properties: Record<string, SchemaObject>, description?: string): SchemaObject => ({
  type: 'object',
  properties,
  ...(description ? { description } : {}),
});
const list = (items: SchemaObject): SchemaObject => ({ type: 'array', items });

const nextDeadline = nullable(
  object({ kind: text, dueAt: instant, overdue: { type: 'boolean' } }, 'The next open deadline of any kind.'),
);

const openDeadline = object({
  id: text,
  kind: text,
  dueAt: instant,
  startedAt: instant,
  overdue: { type: 'boolean' },
  responsibleOrganisationId: text,
  reference: nullable(text),
});

const placement = object({
  placementId: text,
  shelterId: text,
  shelterName: text,
  state: { type: 'string', enum: [...PLACEMENT_TRACK_STATES] },
  needs: list(text),
  requestedAt: instant,
  acceptedAt: nullable(instant),
  declinedAt: nullable(instant),
  checkedInAt: nullable(instant),
  checkedOutOn: nullable(day),
  endedAt: nullable(instant),
});

const childProtection = nullable(
  object(
    {
      notice: nullable(object({ childProtectionOrgId: text, notifiedAt: instant })),
      guardian: nullable(
        object({ name: nullable(text), appointedBy: text, appointedOn: day }, 'name: null once erased'),
      ),
    },
    'Child cases only.',
  ),
);

const tracks = object(
  {
    consent: object({ toReferral: { type: 'boolean' } }),
    childProtection,
    referral: nullable(object({ competentAuthorityOrgId: text, referredAt: instant })),
    statusDecision: nullable(
      object(
        {
          state: { type: 'string', enum: ['pending', 'granted', 'refused'] },
          decisionNumber: nullable(text),
          decidedOn: nullable(day),
          reasons: list(text),
          review: nullable(object({ requestedAt: instant, pending: { type: 'boolean' } })),
        },
        'pending from the referral until a decision; a refusal under review stays refused with review.pending.',
      ),
    ),
    reflectionPeriod: nullable(
      object(
        {
          periodId: text,
          state: { type: 'string', enum: ['active', 'ended', 'expired'] },
          startedAt: instant,
          endsAt: instant,
          days: { type: 'integer' },
          extensions: list(object({ days: { type: 'integer' }, endsAt: instant, extendedAt: instant })),
          outcome: nullable(text),
          endedAt: nullable(instant),
          expiredAt: nullable(instant),
          periods: { type: 'integer' },
        },
        'The latest period.',
      ),
    ),
    placements: list(placement),
    repatriation: nullable(
      object(
        {
          state: {
            type: 'string',
            enum: ['requested', 'risk-assessed', 'documented', 'scheduled', 'completed', 'cancelled'],
          },
          destinationCountry: text,
          voluntaryConsent: { type: 'boolean' },
          consentRecordedAt: instant,
          requestedAt: instant,
          risk: nullable(object({ level: text, mitigated: { type: 'boolean' }, assessedAt: instant })),
          documents: list(text),
          travelDate: nullable(day),
          route: nullable(text),
          arrivedOn: nullable(day),
          cancelledAt: nullable(instant),
        },
        'The latest repatriation.',
      ),
    ),
    reintegration: nullable(
      object({
        state: { type: 'string', enum: ['active', 'completed'] },
        adoptedOn: day,
        reviewEveryDays: { type: 'integer' },
        goals: list(object({ domain: text, description: text, targetDate: nullable(day) })),
        services: list(object({ domain: text, providerOrgId: text, deliveredOn: day })),
        lastReview: nullable(object({ reviewedOn: day, progress: text })),
        nextReviewDue: nullable(day),
        completedOn: nullable(day),
        outcome: nullable(text),
      }),
    ),
    closure: nullable(
      object({
        state: { type: 'string', enum: ['closed', 'reopened'] },
        reason: text,
        stageBeforeClosure: text,
        closedAt: instant,
        reopenedAt: nullable(instant),
      }),
    ),
    approvals: {
      ...list(
        object({
          approvalId: text,
          commandType: { type: 'string', enum: ['CloseCase', 'AdoptReintegrationPlan'] },
          state: { type: 'string', enum: ['pending', 'granted', 'rejected'] },
          requestedBy: object({ userId: text, name: text, organisationId: text }),
          requestedAt: instant,
          dueAt: instant,
          decidedAt: nullable(instant),
        }),
      ),
      description:
        'Supervisor approvals asked on the case (README "Supervisor approvals"); pending ones await a ' +
        'supervisor of the responsible organisation or a coordinator (GET /approvals/{approvalId}).',
    },
  },
  "One object per track (null until it starts). The care view has only placements (at the caller's shelters) and childProtection.",
);

const latestPlacement = nullable(
  object({ placementId: text, state: { type: 'string', enum: [...PLACEMENT_TRACK_STATES] }, shelterName: text }),
);

/** What every list item adds (the care item: `placement` only). */
export const CASE_LIST_ITEM_ADDITIONS: Record<string, SchemaObject> = {
  stage: { type: 'string', enum: [...CASE_STAGES], description: 'Derived from the tracks (README "The stage").' },
  activeTracks: list({ type: 'string', enum: [...CASE_STAGES] }),
  nextDeadline,
  placement: latestPlacement,
};

/** GET /cases/{id}: the fields the case page adds to the earlier ones (every earlier field stays). */
export const CASE_PAGE_SCHEMA: SchemaObject = object(
  {
    ...CASE_LIST_ITEM_ADDITIONS,
    holder: object(
      { organisationId: text, referredToOrganisationId: nullable(text) },
      'Who holds the case: the owning organisation, and the competent authority it was referred to.',
    ),
    openDeadlines: nullable({
      ...list(openDeadline),
      description: 'The deadline board now; null on a historical read (`asOf`): the board keeps no past.',
    }),
    tracks,
    asOf: {
      ...instant,
      description:
        'Only on a historical read: the instant the case is shown as of (what had been recorded by then). ' +
        '`nextDeadline` is then null too; `revision` is the revision of then.',
    },
  },
  'The case with every track (full view); the care view keeps tracks.placements, tracks.childProtection and the ' +
    'shelter deadlines its organisation answers for.',
);

export const CASE_LIST_SCHEMA: SchemaObject = object({
  items: list(object(CASE_LIST_ITEM_ADDITIONS, 'Every earlier field stays; `view`: full | care.')),
  page: { type: 'integer' },
  pageSize: { type: 'integer' },
  total: { type: 'integer' },
});
