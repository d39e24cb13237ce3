import type { DomainEvent } from '@nrm/shared-kernel';

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

export type ReintegrationPlanAdopted = DomainEvent<
  'ReintegrationPlanAdopted',
  {
    caseId: string;
    goals: ReintegrationGoal[];
    reviewEveryDays: number;
    /** YYYY-MM-DD (UTC) the plan was adopted. */
    adoptedOn: string;
    /** YYYY-MM-DD: the first review falls due. */
    nextReviewDue: string;
  }
>;

export type ReintegrationServiceDelivered = DomainEvent<
  'ReintegrationServiceDelivered',
  { caseId: string; domain: ReintegrationDomain; providerOrgId: string; description: string; deliveredOn: string }
>;

export type ReintegrationReviewed = DomainEvent<
  'ReintegrationReviewed',
  {
    caseId: string;
    reviewedOn: string;
    progress: ReintegrationProgress;
    notes?: string;
    /** YYYY-MM-DD: reviewedOn + the plan's review interval. */
    nextReviewDue: string;
  }
>;

export type ReintegrationCompleted = DomainEvent<
  'ReintegrationCompleted',
  { caseId: string; completedOn: string; outcome: ReintegrationOutcome }
>;

/** Events of the reintegration context on the case stream. */
export type ReintegrationEvent =
  ReintegrationPlanAdopted | ReintegrationServiceDelivered | ReintegrationReviewed | ReintegrationCompleted;
