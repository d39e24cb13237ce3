import { assertOpenCase } from '../../domain/case-rules';
import { caseTrackDecider, type CaseState, type ExistingCase } from '../case-state';
import type {
  RepatriationCancelled,
  RepatriationCompleted,
  RepatriationRequested,
  RepatriationRiskAssessed,
  RepatriationRiskLevel,
  RepatriationScheduled,
  TravelDocumentType,
  TravelDocumentsRecorded,
} from './repatriation.events';
import {
  type Actor,
  assertDayNotInFuture,
  assertMomentNotInFuture,
  calendarDate,
  DomainRuleViolation,
} from '@nrm/shared-kernel';

/*
 * The rules of repatriation (DESIGN §3.5; Council of Europe Convention art. 16; Azerbaijan's rules on
 * the repatriation of victims, Cabinet decision 378 of 2021). Return is voluntary, safe and dignified:
 *
 * - request: the person's voluntary consent is recorded (422 repatriation-needs-voluntary-consent,
 *   consent-not-in-future); not while a reflection period is active, unless the person asked to end
 *   it (409 no-repatriation-during-reflection-period); one open repatriation at a time
 *   (409 repatriation-already-open).
 * - risk assessment, travel documents, schedule, complete, cancel: need an open repatriation
 *   (409 no-open-repatriation).
 * - schedule: needs recorded voluntary consent (409 schedule-needs-voluntary-consent), a risk
 *   assessment (409 schedule-needs-risk-assessment) whose latest word is not an unmitigated high
 *   risk (409 high-risk-not-mitigated), travel documents (409 schedule-needs-travel-documents), and a
 *   travel date not in the past (422 travel-date-not-in-past).
 * - complete: only once scheduled (409 repatriation-not-scheduled), still not at unmitigated high
 *   risk (409 high-risk-not-mitigated), arrival not in the future (422 arrival-not-in-future).
 *   The case moves to stage 'repatriation'.
 * - cancel: any open repatriation, with a reason.
 */

type OpenRepatriation = NonNullable<ExistingCase['repatriation']['open']>;

export interface RequestRepatriation {
  type: 'RequestRepatriation';
  destinationCountry: string;
  voluntaryConsent: boolean;
  /** ISO 8601; now when not given. */
  consentRecordedAt?: string;
  actor: Actor;
  now: Date;
}

export interface AssessRepatriationRisk {
  type: 'AssessRepatriationRisk';
  level: RepatriationRiskLevel;
  notes?: string;
  mitigated?: boolean;
  actor: Actor;
  now: Date;
}

export interface RecordTravelDocuments {
  type: 'RecordTravelDocuments';
  documents: TravelDocumentType[];
  issuedBy: string;
  actor: Actor;
  now: Date;
}

export interface ScheduleRepatriation {
  type: 'ScheduleRepatriation';
  /** YYYY-MM-DD. */
  travelDate: string;
  route?: string;
  actor: Actor;
  now: Date;
}

export interface CompleteRepatriation {
  type: 'CompleteRepatriation';
  /** YYYY-MM-DD. */
  arrivedOn: string;
  receivedBy?: string;
  actor: Actor;
  now: Date;
}

export interface CancelRepatriation {
  type: 'CancelRepatriation';
  reason: string;
  actor: Actor;
  now: Date;
}

export type RepatriationCommand =
  | RequestRepatriation
  | AssessRepatriationRisk
  | RecordTravelDocuments
  | ScheduleRepatriation
  | CompleteRepatriation
  | CancelRepatriation;

export const repatriationDecider = caseTrackDecider<RepatriationCommand>({
  RequestRepatriation: requestRepatriation,
  AssessRepatriationRisk: assessRisk,
  RecordTravelDocuments: recordTravelDocuments,
  ScheduleRepatriation: schedule,
  CompleteRepatriation: complete,
  CancelRepatriation: cancel,
});

function requestRepatriation(command: RequestRepatriation, state: CaseState): RepatriationRequested {
  assertOpenCase(state);
  if (command.voluntaryConsent !== true) {
    throw new DomainRuleViolation(
      'repatriation-needs-voluntary-consent',
      'Repatriation is voluntary: voluntaryConsent must be true, recorded from the person',
      'unprocessable',
      'voluntaryConsent',
    );
  }
  const consentRecordedAt = command.consentRecordedAt ?? command.now.toISOString();
  assertMomentNotInFuture(new Date(consentRecordedAt), command.now, 'consent-not-in-future', 'consentRecordedAt');
  if (reflectionPeriodBlocksRepatriation(state, command.now)) {
    throw new DomainRuleViolation(
      'no-repatriation-during-reflection-period',
      'A reflection period is active: repatriation waits until it ends, unless the person asks to end it',
      'conflict',
    );
  }
  if (state.repatriation.open) {
    throw new DomainRuleViolation(
      'repatriation-already-open',
      `A repatriation to ${state.repatriation.open.destinationCountry} is already open: complete or cancel it first`,
      'conflict',
    );
  }
  return {
    type: 'RepatriationRequested',
    data: {
      caseId: state.caseId,
      destinationCountry: command.destinationCountry,
      voluntaryConsent: true,
      consentRecordedAt,
      requestedAt: command.now.toISOString(),
    },
  };
}

/**
 * An active reflection period blocks repatriation unless the person asked to end it. A period whose
 * end has passed no longer blocks, even before the system has appended its expiry.
 */
function reflectionPeriodBlocksRepatriation(state: ExistingCase, now: Date): boolean {
  const { active, personAskedToEnd } = state.reflectionPeriod;
  return active !== null && new Date(active.endsAt).getTime() > now.getTime() && !personAskedToEnd;
}

function assessRisk(command: AssessRepatriationRisk, state: CaseState): RepatriationRiskAssessed {
  assertOpenCase(state);
  openRepatriationOf(state);
  return {
    type: 'RepatriationRiskAssessed',
    data: {
      caseId: state.caseId,
      level: command.level,
      mitigated: command.mitigated ?? false,
      ...(command.notes === undefined ? {} : { notes: command.notes }),
      assessedAt: command.now.toISOString(),
    },
  };
}

function recordTravelDocuments(command: RecordTravelDocuments, state: CaseState): TravelDocumentsRecorded {
  assertOpenCase(state);
  openRepatriationOf(state);
  if (command.documents.length === 0) {
    throw new DomainRuleViolation(
      'travel-documents-not-empty',
      'documents needs at least one travel document',
      'unprocessable',
      'documents',
    );
  }
  return {
    type: 'TravelDocumentsRecorded',
    data: {
      caseId: state.caseId,
      documents: [...new Set(command.documents)],
      issuedBy: command.issuedBy,
      recordedAt: command.now.toISOString(),
    },
  };
}

function schedule(command: ScheduleRepatriation, state: CaseState): RepatriationScheduled {
  assertOpenCase(state);
  const open = openRepatriationOf(state);
  if (!open.voluntaryConsent) {
    throw new DomainRuleViolation(
      'schedule-needs-voluntary-consent',
      'Repatriation is scheduled only with the voluntary consent of the person recorded',
      'conflict',
    );
  }
  if (!open.riskAssessment) {
    throw new DomainRuleViolation(
      'schedule-needs-risk-assessment',
      'A risk assessment must be completed before travel is scheduled',
      'conflict',
    );
  }
  assertRiskNotBlocking(open);
  if (open.travelDocuments.length === 0) {
    throw new DomainRuleViolation(
      'schedule-needs-travel-documents',
      'Travel documents must be recorded before travel is scheduled',
      'conflict',
    );
  }
  if (command.travelDate < calendarDate(command.now)) {
    throw new DomainRuleViolation(
      'travel-date-not-in-past',
      'travelDate lies in the past (before today, UTC)',
      'unprocessable',
      'travelDate',
    );
  }
  return {
    type: 'RepatriationScheduled',
    data: {
      caseId: state.caseId,
      destinationCountry: open.destinationCountry,
      travelDate: command.travelDate,
      ...(command.route === undefined ? {} : { route: command.route }),
    },
  };
}

function complete(command: CompleteRepatriation, state: CaseState): RepatriationCompleted {
  assertOpenCase(state);
  const open = openRepatriationOf(state);
  if (open.travelDate === null) {
    throw new DomainRuleViolation(
      'repatriation-not-scheduled',
      'Only a scheduled repatriation can be completed',
      'conflict',
    );
  }
  assertRiskNotBlocking(open);
  assertDayNotInFuture(command.arrivedOn, command.now, 'arrival-not-in-future', 'arrivedOn');
  if (command.arrivedOn < open.travelDate) {
    throw new DomainRuleViolation(
      'arrival-not-before-travel',
      `arrivedOn (${command.arrivedOn}) lies before the scheduled travel date (${open.travelDate}); ` +
        'schedule the repatriation again with the real travel date first',
      'unprocessable',
      'arrivedOn',
    );
  }
  return {
    type: 'RepatriationCompleted',
    data: {
      caseId: state.caseId,
      destinationCountry: open.destinationCountry,
      arrivedOn: command.arrivedOn,
      ...(command.receivedBy === undefined ? {} : { receivedBy: command.receivedBy }),
    },
  };
}

function cancel(command: CancelRepatriation, state: CaseState): RepatriationCancelled {
  assertOpenCase(state);
  openRepatriationOf(state);
  return {
    type: 'RepatriationCancelled',
    data: { caseId: state.caseId, reason: command.reason, cancelledAt: command.now.toISOString() },
  };
}

function openRepatriationOf(state: ExistingCase): OpenRepatriation {
  if (!state.repatriation.open) {
    throw new DomainRuleViolation(
      'no-open-repatriation',
      'The case has no open repatriation: request one first',
      'conflict',
    );
  }
  return state.repatriation.open;
}

/** High risk blocks travel until a later assessment says it is mitigated, or rates it lower. */
function assertRiskNotBlocking(open: OpenRepatriation): void {
  if (open.riskAssessment?.level === 'high' && !open.riskAssessment.mitigated) {
    throw new DomainRuleViolation(
      'high-risk-not-mitigated',
      'The latest risk assessment is high and not mitigated: travel waits for a new assessment',
      'conflict',
    );
  }
}
