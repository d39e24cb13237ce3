import type {
  CaseOpened,
  CaseReferred,
  ReferralConsentRecorded,
  ReflectionPeriodExtended,
  ReflectionPeriodStarted,
  ReintegrationPlanAdopted,
  ReintegrationReviewed,
  StatusDecisionReviewRequested,
} from '@nrm/case/domain';
import type { PlacementCheckedIn, PlacementRequested } from '@nrm/shelter/domain';
import type { DeadlineKind } from './deadline-kinds';
import { addWorkingDays, type WorkingDayCalendar } from './working-days';

export { DEADLINE_KINDS, type DeadlineKind } from './deadline-kinds';

/**
 * open → met (the satisfying event came; `late` when after the due time) | expired (a reflection
 * period that ran out) | cancelled (`closedReason`: the case closed, or an adult withdrew consent to
 * referral before it). A missed deadline stays open (overdue, escalated) until it is met or cancelled.
 */
export const DEADLINE_STATUSES = ['open', 'met', 'expired', 'cancelled'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/** Why a deadline was cancelled. */
export type CancelReason = 'case-closed' | 'consent-withdrawn';

/** Lengths of the deadlines (environment: HAND_OVER_HOURS, …) and the working-day calendar. */
export interface DeadlineSettings {
  handOverHours: number;
  statusDecisionWorkingDays: number;
  childProtectionNoticeHours: number;
  shelterAnswerHours: number;
  shelterStayDays: number;
  calendar: WorkingDayCalendar;
}

/** What the rules need of an event (a DecodedEvent fits): type, data, metadata and global position. */
export interface DeadlineSourceEvent {
  type: string;
  data: Record<string, unknown> | object;
  metadata: { organisationId: string; occurredAt: string };
  globalPosition: bigint;
}

/** Facts outside the event that some rules need, looked up by the projection beforehand. */
export interface DeadlineLookups {
  /** The organisation owning the case now (case_summaries.organisation_id). */
  caseOrganisationId?: string;
  /** The shelter's operator (shelters.operator_org_id). */
  shelterOperatorOrgId?: string;
  /** The competent authority the case was referred to (the earlier status-decision deadline). */
  competentAuthorityOrgId?: string;
  /** What a change of consent to referral acts on (ReferralConsentRecorded). */
  consent?: ConsentContext;
}

/** The case as the deadline board knows it when consent to referral changes. */
export interface ConsentContext {
  isChild: boolean;
  /** The case was referred (its status-decision deadline exists). */
  referred: boolean;
  caseNumber?: string;
  /** Who answers for a new hand-over: the case's owner, else its opening organisation. */
  caseOrganisationId?: string;
  /** The latest status-decision deadline: its organisation is told of a withdrawal after referral. */
  statusDecision?: { deadlineId: string; version: number; organisationId: string };
}
export type DeadlineLookup = keyof DeadlineLookups;

export interface OpenedDeadline {
  id: string;
  kind: DeadlineKind;
  caseId: string;
  reference: string | null;
  responsibleOrganisationId: string;
  startedAt: Date;
  dueAt: Date;
}

/** One deadline by id, or every open deadline of a kind of a case. */
export type DeadlineTarget = { id: string } | { caseId: string; kind: DeadlineKind };

/**
 * A notification the board itself sends (not a deadline step): a consent withdrawn after referral, an
 * approval asked (to its approvers) or decided (to the one who asked: `recipientUserId`).
 */
export interface BoardNotification {
  /** The deadline it is about, with its version, and a step unique to the event (at most once). */
  deadlineId: string;
  deadlineVersion: number;
  step: string;
  caseId: string;
  kind: 'consent-withdrawn' | 'approval-requested' | 'approval-granted' | 'approval-rejected';
  recipientOrganisationId: string | null;
  recipientRole: string | null;
  /** One person's inbox only (the requester of an approval); null for an organisation's or a role's. */
  recipientUserId?: string | null;
  message: string;
  at: Date;
}

export type DeadlineChange =
  | { type: 'open'; deadline: OpenedDeadline }
  | { type: 'move'; target: DeadlineTarget; dueAt: Date }
  | { type: 'meet'; target: DeadlineTarget; at: Date }
  | { type: 'expire'; target: DeadlineTarget; at: Date }
  | { type: 'cancel'; target: DeadlineTarget; at: Date; reason: CancelReason }
  | { type: 'cancel-all-of-case'; caseId: string; at: Date; reason: CancelReason }
  | { type: 'notify'; notification: BoardNotification };

/** Shelter operator unknown (shelter not in the read model yet): the coordinators answer for it. */
export const FALLBACK_SHELTER_RESPONSIBLE = 'coordinator';
/** Competent authority unknown (a review without a known referral). */
export const FALLBACK_COMPETENT_AUTHORITY = 'competent-authority';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** `<kind>.<caseId>` or `<kind>.<caseId>.<reference>`: deterministic, never ':' (valid BullMQ job ids). */
export function deadlineId(kind: DeadlineKind, caseId: string, reference?: string | null): string {
  const id = reference ? `${kind}.${caseId}.${reference}` : `${kind}.${caseId}`;
  if (id.includes(':')) throw new Error(`A deadline id may not contain ':': ${id}`);
  return id;
}

/** The event types that start, move or close deadlines. */
export const DEADLINE_EVENT_TYPES: ReadonlySet<string> = new Set([
  'CaseOpened',
  'ReferralConsentRecorded',
  'CaseReferred',
  'VictimStatusGranted',
  'VictimStatusRefused',
  'StatusDecisionReviewRequested',
  'ChildProtectionNotified',
  'ReflectionPeriodStarted',
  'ReflectionPeriodExtended',
  'ReflectionPeriodEnded',
  'ReflectionPeriodExpired',
  'PlacementRequested',
  'PlacementAccepted',
  'PlacementDeclined',
  'PlacementCheckedIn',
  'PlacementCheckedOut',
  'ReintegrationPlanAdopted',
  'ReintegrationReviewed',
  'ReintegrationCompleted',
  'CaseClosed',
  'ApprovalRequested',
  'ApprovalGranted',
  'ApprovalRejected',
]);

/** Which outside fact an event's rule needs (the projection looks it up before calling the rules). */
export function lookupNeededBy(event: Pick<DeadlineSourceEvent, 'type'>): DeadlineLookup | null {
  switch (event.type) {
    case 'ReflectionPeriodStarted':
    case 'ReintegrationPlanAdopted':
      return 'caseOrganisationId';
    case 'PlacementRequested':
    case 'PlacementCheckedIn':
      return 'shelterOperatorOrgId';
    case 'StatusDecisionReviewRequested':
      return 'competentAuthorityOrgId';
    case 'ReferralConsentRecorded':
      return 'consent';
    default:
      return null;
  }
}

/** End of a local date 'YYYY-MM-DD' in the calendar's time zone (Baku: 23:59:59.999 +04:00). */
export function endOfLocalDate(date: string, calendar: WorkingDayCalendar): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - calendar.utcOffsetMinutes * 60_000 - 1);
}

function startOfLocalDate(date: string, calendar: WorkingDayCalendar): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - calendar.utcOffsetMinutes * 60_000);
}

const plusHours = (from: Date, hours: number) => new Date(from.getTime() + hours * HOUR_MS);

/**
 * The deadline changes one event makes. Pure: the same event and lookups always give the same
 * changes, so a replay of the stream rebuilds the same deadlines. A deadline may start in the past
 * (data entered late): it is then simply due already.
 */
export function deadlineChangesOf(
  event: DeadlineSourceEvent,
  settings: DeadlineSettings,
  lookups: DeadlineLookups = {},
): DeadlineChange[] {
  const data = event.data as Record<string, unknown> & { caseId: string };
  const caseId = data.caseId;
  const recordedAt = new Date(event.metadata.occurredAt);
  const open = (
    kind: DeadlineKind,
    reference: string | null,
    responsibleOrganisationId: string,
    startedAt: Date,
    dueAt: Date,
  ): DeadlineChange => ({
    type: 'open',
    deadline: {
      id: deadlineId(kind, caseId, reference),
      kind,
      caseId,
      reference,
      responsibleOrganisationId,
      startedAt,
      dueAt,
    },
  });
  const meet = (target: DeadlineTarget): DeadlineChange => ({ type: 'meet', target, at: recordedAt });
  const byId = (kind: DeadlineKind, reference?: string | null): DeadlineTarget => ({
    id: deadlineId(kind, caseId, reference),
  });
  // A shelter's deadlines are its operator's to meet; the case's own, its owner's.
  const shelterResponsible = lookups.shelterOperatorOrgId ?? FALLBACK_SHELTER_RESPONSIBLE;
  const caseResponsible = lookups.caseOrganisationId ?? event.metadata.organisationId;

  switch (event.type) {
    case 'CaseOpened': {
      const opened = data as unknown as CaseOpened['data'];
      const identifiedAt = new Date(opened.identification.identifiedAt);
      const changes: DeadlineChange[] = [];
      // An adult is referred only with consent: without it there is no hand-over to be late for
      // (consent given later starts one). A child is referred without consent.
      if (opened.isChild || opened.consentToReferral !== false) {
        changes.push(
          open(
            'hand-over',
            null,
            opened.openingOrganisationId,
            identifiedAt,
            plusHours(identifiedAt, settings.handOverHours),
          ),
        );
      }
      if (opened.isChild) {
        changes.push(
          open(
            'child-protection-notice',
            null,
            opened.openingOrganisationId,
            identifiedAt,
            plusHours(identifiedAt, settings.childProtectionNoticeHours),
          ),
        );
      }
      return changes;
    }
    case 'ReferralConsentRecorded':
      return consentChanges(event, data as unknown as ReferralConsentRecorded['data'], settings, lookups.consent);
    case 'CaseReferred': {
      const referred = data as unknown as CaseReferred['data'];
      const referredAt = new Date(referred.referredAt);
      return [
        // Every open hand-over of the case (one opened at identification, or when consent came later).
        { type: 'meet', target: { caseId, kind: 'hand-over' }, at: referredAt },
        open(
          'status-decision',
          null,
          referred.competentAuthorityOrgId,
          referredAt,
          addWorkingDays(referredAt, settings.statusDecisionWorkingDays, settings.calendar),
        ),
      ];
    }
    case 'VictimStatusGranted':
    case 'VictimStatusRefused':
      return [meet({ caseId, kind: 'status-decision' })];
    case 'StatusDecisionReviewRequested': {
      const review = data as unknown as StatusDecisionReviewRequested['data'];
      const requestedAt = new Date(review.requestedAt);
      return [
        open(
          'status-decision',
          `review-${event.globalPosition}`,
          lookups.competentAuthorityOrgId ?? FALLBACK_COMPETENT_AUTHORITY,
          requestedAt,
          addWorkingDays(requestedAt, settings.statusDecisionWorkingDays, settings.calendar),
        ),
      ];
    }
    case 'ChildProtectionNotified':
      return [meet(byId('child-protection-notice'))];
    case 'ReflectionPeriodStarted': {
      const started = data as unknown as ReflectionPeriodStarted['data'];
      return [
        open(
          'reflection-period',
          started.periodId,
          caseResponsible,
          new Date(started.startedAt),
          new Date(started.endsAt),
        ),
      ];
    }
    case 'ReflectionPeriodExtended': {
      const extended = data as unknown as ReflectionPeriodExtended['data'];
      return [{ type: 'move', target: byId('reflection-period', extended.periodId), dueAt: new Date(extended.endsAt) }];
    }
    case 'ReflectionPeriodEnded':
      return [meet(byId('reflection-period', String(data.periodId)))];
    case 'ReflectionPeriodExpired':
      return [
        {
          type: 'expire',
          target: byId('reflection-period', String(data.periodId)),
          at: new Date(String(data.expiredAt)),
        },
      ];
    case 'PlacementRequested': {
      const requested = data as unknown as PlacementRequested['data'];
      const requestedAt = new Date(requested.requestedAt);
      const dueAt = plusHours(requestedAt, settings.shelterAnswerHours);
      return [open('shelter-answer', requested.placementId, shelterResponsible, requestedAt, dueAt)];
    }
    case 'PlacementAccepted':
    case 'PlacementDeclined':
      return [meet(byId('shelter-answer', String(data.placementId)))];
    case 'PlacementCheckedIn': {
      const checkedIn = data as unknown as PlacementCheckedIn['data'];
      const checkedInAt = new Date(checkedIn.checkedInAt);
      const dueAt = new Date(checkedInAt.getTime() + settings.shelterStayDays * DAY_MS);
      return [open('shelter-stay', checkedIn.placementId, shelterResponsible, checkedInAt, dueAt)];
    }
    case 'PlacementCheckedOut':
      return [meet(byId('shelter-stay', String(data.placementId)))];
    case 'ReintegrationPlanAdopted': {
      const plan = data as unknown as ReintegrationPlanAdopted['data'];
      const adopted = startOfLocalDate(plan.adoptedOn, settings.calendar);
      const dueAt = plan.nextReviewDue
        ? endOfLocalDate(plan.nextReviewDue, settings.calendar)
        : new Date(adopted.getTime() + (plan.reviewEveryDays + 1) * DAY_MS - 1);
      return [open('reintegration-review', null, caseResponsible, adopted, dueAt)];
    }
    case 'ReintegrationReviewed': {
      const reviewed = data as unknown as ReintegrationReviewed['data'];
      return [
        {
          type: 'move',
          target: byId('reintegration-review'),
          dueAt: endOfLocalDate(reviewed.nextReviewDue, settings.calendar),
        },
      ];
    }
    case 'ReintegrationCompleted':
      return [meet(byId('reintegration-review'))];
    case 'CaseClosed':
      return [{ type: 'cancel-all-of-case', caseId, at: recordedAt, reason: 'case-closed' }];
    case 'ApprovalRequested':
    case 'ApprovalGranted':
    case 'ApprovalRejected':
      return approvalChanges(event, data as unknown as ApprovalData, recordedAt);
    default:
      return [];
  }
}

/** What the board reads of the approvals' events (libs/approvals domain/approval.events.ts). */
interface ApprovalData {
  approvalId: string;
  caseId: string;
  caseNumber: string;
  commandType: string;
  approverOrganisationId?: string;
  requestedBy: { userId: string; organisationId: string };
  dueAt?: string;
}

const APPROVAL_COMMAND_TEXT: Record<string, string> = {
  CloseCase: 'closing the case',
  AdoptReintegrationPlan: 'adopting the reintegration plan',
};

/**
 * A supervisor's approval: asked, it is a deadline of the responsible organisation (due when the
 * request says) and a notification to its supervisors and to the coordinators; granted or rejected,
 * the deadline is met and the requester is told. The granted command's own events follow
 * ApprovalGranted, so a closure's cancellation finds the approval already met.
 */
function approvalChanges(event: DeadlineSourceEvent, approval: ApprovalData, at: Date): DeadlineChange[] {
  const id = deadlineId('approval', approval.caseId, approval.approvalId);
  const what = APPROVAL_COMMAND_TEXT[approval.commandType] ?? approval.commandType;
  const notify = (
    step: string,
    kind: BoardNotification['kind'],
    recipient: Pick<BoardNotification, 'recipientOrganisationId' | 'recipientRole' | 'recipientUserId'>,
    message: string,
  ): DeadlineChange => ({
    type: 'notify',
    notification: {
      deadlineId: id,
      deadlineVersion: 1,
      step,
      caseId: approval.caseId,
      kind,
      message,
      at,
      ...recipient,
    },
  });
  if (event.type === 'ApprovalRequested') {
    const organisationId = approval.approverOrganisationId ?? approval.requestedBy.organisationId;
    const message = `Case ${approval.caseNumber}: ${what} awaits your approval (asked by ${approval.requestedBy.userId}).`;
    return [
      {
        type: 'open',
        deadline: {
          id,
          kind: 'approval',
          caseId: approval.caseId,
          reference: approval.approvalId,
          responsibleOrganisationId: organisationId,
          startedAt: at,
          dueAt: new Date(approval.dueAt ?? at),
        },
      },
      notify(
        'requested-supervisors',
        'approval-requested',
        { recipientOrganisationId: organisationId, recipientRole: 'supervisor' },
        message,
      ),
      notify(
        'requested-coordinators',
        'approval-requested',
        { recipientOrganisationId: null, recipientRole: 'coordinator' },
        message,
      ),
    ];
  }
  const granted = event.type === 'ApprovalGranted';
  return [
    { type: 'meet', target: { id }, at },
    notify(
      granted ? 'granted' : 'rejected',
      granted ? 'approval-granted' : 'approval-rejected',
      { recipientOrganisationId: null, recipientRole: null, recipientUserId: approval.requestedBy.userId },
      granted
        ? `Case ${approval.caseNumber}: ${what} was approved and done.`
        : `Case ${approval.caseNumber}: ${what} was not approved; see the approval for the reason.`,
    ),
  ];
}

/**
 * Consent to referral given or withdrawn (an adult's; a child is referred without consent, so a
 * child's deadlines stay as they are):
 * - withdrawn before the referral: the open hand-over is cancelled (`consent-withdrawn`): a referral
 *   is now refused, so it would only escalate for nothing;
 * - given again before the referral: a new hand-over starts then (`hand-over.<case>.consent-<position>`),
 *   due HAND_OVER_HOURS later;
 * - withdrawn after the referral: the coordinators and the competent authority the case was referred
 *   to are told (a notification in their inboxes); the status decision keeps its deadline.
 */
function consentChanges(
  event: DeadlineSourceEvent,
  consent: ReferralConsentRecorded['data'],
  settings: DeadlineSettings,
  context: ConsentContext | undefined,
): DeadlineChange[] {
  if (!context || context.isChild) return [];
  const caseId = consent.caseId;
  const at = new Date(consent.recordedAt);
  if (!context.referred) {
    if (!consent.consentToReferral) {
      return [{ type: 'cancel', target: { caseId, kind: 'hand-over' }, at, reason: 'consent-withdrawn' }];
    }
    const reference = `consent-${event.globalPosition}`;
    return [
      {
        type: 'open',
        deadline: {
          id: deadlineId('hand-over', caseId, reference),
          kind: 'hand-over',
          caseId,
          reference,
          responsibleOrganisationId: context.caseOrganisationId ?? event.metadata.organisationId,
          startedAt: at,
          dueAt: plusHours(at, settings.handOverHours),
        },
      },
    ];
  }
  if (consent.consentToReferral || !context.statusDecision) return [];
  const { statusDecision } = context;
  const message =
    `Consent to referral was withdrawn for case ${context.caseNumber ?? caseId} after its referral to ` +
    `${statusDecision.organisationId}.`;
  const notify = (recipient: 'coordinators' | 'authority'): DeadlineChange => ({
    type: 'notify',
    notification: {
      deadlineId: statusDecision.deadlineId,
      deadlineVersion: statusDecision.version,
      step: `consent-withdrawn-${event.globalPosition}-${recipient}`,
      caseId,
      kind: 'consent-withdrawn',
      recipientOrganisationId: recipient === 'authority' ? statusDecision.organisationId : null,
      recipientRole: recipient === 'authority' ? null : 'coordinator',
      message,
      at,
    },
  });
  return [notify('coordinators'), notify('authority')];
}
