import { defineEvent, type EventNamed, type EventsOf } from '@nrm/shared-kernel';

/** The domains of an individual reintegration plan (DESIGN §3.6). */
export const REINTEGRATION_DOMAINS = [
  'housing',
  'employment',
  'education',
  'medical',
  'psychological',
  'legal-aid',
  'financial',
  'family',
] as const;
export type ReintegrationDomain = (typeof REINTEGRATION_DOMAINS)[number];

export const REINTEGRATION_PROGRESS = ['on-track', 'delayed', 'at-risk'] as const;
export type ReintegrationProgress = (typeof REINTEGRATION_PROGRESS)[number];

export const REINTEGRATION_OUTCOMES = ['reintegrated', 'partially', 'discontinued'] as const;
export type ReintegrationOutcome = (typeof REINTEGRATION_OUTCOMES)[number];

/** Plans are reviewed every 90 days unless the plan says otherwise (DESIGN §3, deadlines). */
export const DEFAULT_REINTEGRATION_REVIEW_DAYS = 90;

export interface ReintegrationGoal {
  domain: ReintegrationDomain;
  description: string;
  /** YYYY-MM-DD. */
  targetDate?: string;
}

export const REINTEGRATION_EVENT_TYPES = {
  ReintegrationPlanAdopted: defineEvent<{
    caseId: string;
    goals: ReintegrationGoal[];
    reviewEveryDays: number;
    /** YYYY-MM-DD (UTC) the plan was adopted. */
    adoptedOn: string;
    /** YYYY-MM-DD: the first review falls due. */
    nextReviewDue: string;
  }>({ schemaVersion: 1, personalFields: [] }),
  ReintegrationServiceDelivered: defineEvent<{
    caseId: string;
    domain: ReintegrationDomain;
    providerOrgId: string;
    description: string;
    deliveredOn: string;
  }>({ schemaVersion: 1, personalFields: ['description'], subjectField: 'caseId' }),
  ReintegrationReviewed: defineEvent<{
    caseId: string;
    reviewedOn: string;
    progress: ReintegrationProgress;
    notes?: string;
    /** YYYY-MM-DD: reviewedOn + the plan's review interval. */
    nextReviewDue: string;
  }>({ schemaVersion: 1, personalFields: ['notes'], subjectField: 'caseId' }),
  ReintegrationCompleted: defineEvent<{ caseId: string; completedOn: string; outcome: ReintegrationOutcome }>({
    schemaVersion: 1,
    personalFields: [],
  }),
};

/** Events of the reintegration context on the case stream. */
export type ReintegrationEvent = EventsOf<typeof REINTEGRATION_EVENT_TYPES>;
export type ReintegrationPlanAdopted = EventNamed<ReintegrationEvent, 'ReintegrationPlanAdopted'>;
export type ReintegrationServiceDelivered = EventNamed<ReintegrationEvent, 'ReintegrationServiceDelivered'>;
export type ReintegrationReviewed = EventNamed<ReintegrationEvent, 'ReintegrationReviewed'>;
export type ReintegrationCompleted = EventNamed<ReintegrationEvent, 'ReintegrationCompleted'>;
