import type { CaseStage } from '../domain/case-vocabulary';
import type { CaseSummaryChange } from './case-summaries.projection';
import type { ClosureReason, OpenCaseStage } from '../tracks/lifecycle/case-lifecycle.events';
import type { ReflectionPeriodOutcome } from '../tracks/reflection-period/reflection-period.events';
import type {
  ReintegrationDomain,
  ReintegrationGoal,
  ReintegrationOutcome,
  ReintegrationProgress,
} from '../tracks/reintegration/reintegration.events';
import type { RepatriationRiskLevel, TravelDocumentType } from '../tracks/repatriation/repatriation.events';

/**
 * Every track of a case, as the case page shows it (README "The case page"): one object per track,
 * null (or empty) until the track starts. Kept in case_summaries.tracks (jsonb), fed by each context's
 * summary rules; the stage and the active tracks are derived from it (stageOf, activeTracksOf).
 */
export interface CaseTracks {
  consent: { toReferral: boolean };
  childProtection: ChildProtectionTrack | null;
  referral: { competentAuthorityOrgId: string; referredAt: string } | null;
  statusDecision: StatusDecisionTrack | null;
  reflectionPeriod: ReflectionPeriodTrack | null;
  placements: PlacementTrack[];
  repatriation: RepatriationTrack | null;
  reintegration: ReintegrationTrack | null;
  closure: ClosureTrack | null;
  /** Supervisor approvals asked on the case (libs/approvals): pending ones wait for a supervisor. */
  approvals: ApprovalTrack[];
}

export interface ChildProtectionTrack {
  notice: { childProtectionOrgId: string; notifiedAt: string } | null;
  /** `name` is personal data: null once erased. */
  guardian: { name: string | null; appointedBy: string; appointedOn: string } | null;
}

export interface StatusDecisionTrack {
  /** pending: referred, no decision yet (or a new one awaited after a review was requested). */
  state: 'pending' | 'granted' | 'refused';
  decisionNumber: string | null;
  decidedOn: string | null;
  reasons: string[];
  review: { requestedAt: string; pending: boolean } | null;
}

export interface ReflectionPeriodTrack {
  periodId: string;
  state: 'active' | 'ended' | 'expired';
  startedAt: string;
  endsAt: string;
  days: number;
  extensions: { days: number; endsAt: string; extendedAt: string }[];
  outcome: ReflectionPeriodOutcome | null;
  endedAt: string | null;
  expiredAt: string | null;
  /** How many periods the case has had (this is the latest). */
  periods: number;
}

export const PLACEMENT_TRACK_STATES = [
  'requested',
  'accepted',
  'declined',
  'checked-in',
  'checked-out',
  'ended',
] as const;

export interface PlacementTrack {
  placementId: string;
  shelterId: string;
  shelterName: string;
  state: (typeof PLACEMENT_TRACK_STATES)[number];
  needs: string[];
  requestedAt: string;
  acceptedAt: string | null;
  declinedAt: string | null;
  checkedInAt: string | null;
  checkedOutOn: string | null;
  /** When the case's closure ended it (state 'ended'). */
  endedAt: string | null;
  /** The shelter stream's revision of the last event applied (placement events are not on the case stream). */
  shelterRevision: string;
}

export interface RepatriationTrack {
  state: 'requested' | 'risk-assessed' | 'documented' | 'scheduled' | 'completed' | 'cancelled';
  destinationCountry: string;
  voluntaryConsent: boolean;
  consentRecordedAt: string;
  requestedAt: string;
  risk: { level: RepatriationRiskLevel; mitigated: boolean; assessedAt: string } | null;
  documents: TravelDocumentType[];
  travelDate: string | null;
  route: string | null;
  arrivedOn: string | null;
  cancelledAt: string | null;
}

export interface ReintegrationTrack {
  state: 'active' | 'completed';
  adoptedOn: string;
  reviewEveryDays: number;
  goals: { domain: ReintegrationDomain; description: string; targetDate: string | null }[];
  services: { domain: ReintegrationDomain; providerOrgId: string; deliveredOn: string }[];
  lastReview: { reviewedOn: string; progress: ReintegrationProgress } | null;
  nextReviewDue: string | null;
  completedOn: string | null;
  outcome: ReintegrationOutcome | null;
}

export interface ClosureTrack {
  state: 'closed' | 'reopened';
  reason: ClosureReason;
  stageBeforeClosure: OpenCaseStage;
  closedAt: string;
  reopenedAt: string | null;
}

export interface ApprovalTrack {
  approvalId: string;
  commandType: 'CloseCase' | 'AdoptReintegrationPlan';
  state: 'pending' | 'granted' | 'rejected';
  requestedBy: { userId: string; name: string; organisationId: string };
  requestedAt: string;
  dueAt: string;
  decidedAt: string | null;
}

export const emptyTracks = (): CaseTracks => ({
  consent: { toReferral: false },
  childProtection: null,
  referral: null,
  statusDecision: null,
  reflectionPeriod: null,
  placements: [],
  repatriation: null,
  reintegration: null,
  closure: null,
  approvals: [],
});

/** Goals as the plan states them (a goal's target date is optional). */
export const goalsOf = (goals: ReintegrationGoal[]): ReintegrationTrack['goals'] =>
  goals.map((goal) => ({ domain: goal.domain, description: goal.description, targetDate: goal.targetDate ?? null }));

const repatriationInProgress = (tracks: CaseTracks) =>
  tracks.repatriation !== null &&
  tracks.repatriation.state !== 'completed' &&
  tracks.repatriation.state !== 'cancelled';
/** No decision yet, or a review of a refusal pending. */
const decisionAwaited = (tracks: CaseTracks) =>
  (tracks.statusDecision?.state ?? 'pending') === 'pending' || tracks.statusDecision?.review?.pending === true;
const checkedIn = (tracks: CaseTracks) => tracks.placements.some((placement) => placement.state === 'checked-in');

/**
 * The tracks the case is in now. A closed case is only `closed`; an open one is in `identification`
 * until referred, in `referral` while the status decision (or a new one after a review) is awaited,
 * and in every other track while it runs.
 */
export function activeTracksOf(tracks: CaseTracks): CaseStage[] {
  if (tracks.closure?.state === 'closed') return ['closed'];
  const active: CaseStage[] = [];
  if (tracks.referral === null) active.push('identification');
  if (tracks.referral !== null && decisionAwaited(tracks)) active.push('referral');
  if (tracks.reflectionPeriod?.state === 'active') active.push('reflection-period');
  if (checkedIn(tracks)) active.push('shelter');
  if (repatriationInProgress(tracks)) active.push('repatriation');
  if (tracks.reintegration?.state === 'active') active.push('reintegration');
  return active;
}

/**
 * The one stage of a case, derived from its tracks: the first that holds (README "The stage").
 * What runs now comes before what was done; among the running tracks, the one furthest on.
 */
export function stageOf(tracks: CaseTracks): CaseStage {
  const precedence: [CaseStage, boolean][] = [
    ['closed', tracks.closure?.state === 'closed'],
    ['repatriation', repatriationInProgress(tracks)],
    ['shelter', checkedIn(tracks)],
    ['reintegration', tracks.reintegration?.state === 'active'],
    ['reflection-period', tracks.reflectionPeriod?.state === 'active'],
    ['repatriation', tracks.repatriation?.state === 'completed'],
    ['reintegration', tracks.reintegration !== null],
    ['reflection-period', tracks.reflectionPeriod !== null],
    ['referral', tracks.referral !== null],
  ];
  return precedence.find(([, holds]) => holds)?.[0] ?? 'identification';
}

/** The rule of an event that changes one track and no column: the track becomes what `change` makes of it. */
export function changeTrack<Track extends keyof CaseTracks>(
  track: Track,
  change: (current: CaseTracks[Track]) => CaseTracks[Track],
): CaseSummaryChange {
  return { update: {}, tracks: (tracks) => ({ ...tracks, [track]: change(tracks[track]) }) };
}
