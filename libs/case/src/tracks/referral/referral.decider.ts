import { assertOpenCase } from '../../domain/case-rules';
import { caseTrackDecider, type CaseState, type ExistingCase } from '../case-state';
import type {
  CaseReferred,
  StatusDecisionReviewRequested,
  VictimStatusGranted,
  VictimStatusRefused,
} from './referral.events';
import { type Actor, assertDayNotInFuture, DomainRuleViolation } from '@nrm/shared-kernel';

/** Refer the presumed victim to the competent authority. */
export interface ReferCase {
  type: 'ReferCase';
  competentAuthorityOrgId: string;
  note?: string;
  actor: Actor;
  now: Date;
}

/** The competent authority's decision on victim status. */
export type DecideVictimStatus = {
  type: 'DecideVictimStatus';
  /** YYYY-MM-DD */
  decidedOn: string;
  actor: Actor;
  now: Date;
} & (
  { decision: 'granted'; decisionNumber: string } | { decision: 'refused'; reasons: string[]; decisionNumber?: string }
);

/** Ask for a review of a refusal of victim status. */
export interface RequestStatusDecisionReview {
  type: 'RequestStatusDecisionReview';
  reason: string;
  actor: Actor;
  now: Date;
}

export type ReferralCommand = ReferCase | DecideVictimStatus | RequestStatusDecisionReview;

/**
 * The rules of referral and the victim-status decision (DESIGN §3.2), in the order they are checked:
 *
 * Every command: the case exists and is not closed (`case-exists`, `case-not-closed`).
 *
 * Referral (POST /cases/{id}/referral):
 * - `already-referred` (409): a case is referred once; there is no re-referral.
 * - `referral-needs-consent` (422): an adult is referred only with consent to referral. A child is
 *   referred without it: the best interests of the child come first.
 *
 * Status decision (POST /cases/{id}/status-decision), by the competent authority:
 * - `decision-needs-referral` (409): no decision before the case was referred.
 * - `already-decided` (409): one decision at a time; a new one only while a review is pending.
 * - `decision-date-not-in-future` (422): the decision date is not after today (anywhere on Earth,
 *   so a decision taken early in the day at UTC+4 is not refused).
 * - `decision-number-required` (422): a grant names the decision's number.
 * - `refusal-needs-reasons` (422): a refusal gives at least one reason.
 *
 * Review of a refusal (POST /cases/{id}/status-decision/review):
 * - `review-pending` (409): not while a review is already pending.
 * - `review-needs-refusal` (409): only a refusal can be reviewed. The status is presumed victim again
 *   until the new decision.
 */
export const referralDecider = caseTrackDecider<ReferralCommand>({
  ReferCase: referCase,
  DecideVictimStatus: decideVictimStatus,
  RequestStatusDecisionReview: requestReview,
});

function referCase(command: ReferCase, state: CaseState): CaseReferred {
  assertOpenCase(state);
  if (state.referral.referredAt !== null) {
    throw new DomainRuleViolation(
      'already-referred',
      `The case was already referred to ${state.referral.competentAuthorityOrgId} on ${state.referral.referredAt}`,
      'conflict',
    );
  }
  if (!state.isChild && !state.consentToReferral) {
    throw new DomainRuleViolation(
      'referral-needs-consent',
      'An adult is referred only with consent to referral: record the consent first (POST /cases/{id}/consent)',
      'unprocessable',
    );
  }
  return {
    type: 'CaseReferred',
    data: {
      caseId: state.caseId,
      competentAuthorityOrgId: command.competentAuthorityOrgId,
      referredAt: command.now.toISOString(),
      ...(command.note === undefined ? {} : { note: command.note }),
    },
  };
}

function decideVictimStatus(command: DecideVictimStatus, state: CaseState): VictimStatusGranted | VictimStatusRefused {
  assertOpenCase(state);
  assertDecisionAwaited(state);
  assertDayNotInFuture(command.decidedOn, command.now, 'decision-date-not-in-future', 'decidedOn');
  if (command.decision === 'granted') {
    const decisionNumber = command.decisionNumber?.trim();
    if (!decisionNumber) {
      throw new DomainRuleViolation(
        'decision-number-required',
        'decisionNumber is required when victim status is granted',
        'unprocessable',
        'decisionNumber',
      );
    }
    return {
      type: 'VictimStatusGranted',
      data: { caseId: state.caseId, decisionNumber, decidedOn: command.decidedOn },
    };
  }
  const reasons = (command.reasons ?? []).map((reason) => reason.trim()).filter((reason) => reason.length > 0);
  if (reasons.length === 0) {
    throw new DomainRuleViolation(
      'refusal-needs-reasons',
      'reasons must name at least one reason when victim status is refused',
      'unprocessable',
      'reasons',
    );
  }
  return {
    type: 'VictimStatusRefused',
    data: {
      caseId: state.caseId,
      reasons,
      decidedOn: command.decidedOn,
      ...(command.decisionNumber === undefined ? {} : { decisionNumber: command.decisionNumber }),
    },
  };
}

function assertDecisionAwaited(state: ExistingCase): void {
  if (state.referral.referredAt === null) {
    throw new DomainRuleViolation(
      'decision-needs-referral',
      'No status decision before the case is referred to the competent authority',
      'conflict',
    );
  }
  if (state.referral.decision !== null && !state.referral.reviewPending) {
    throw new DomainRuleViolation(
      'already-decided',
      `Victim status was already ${state.referral.decision}; a new decision needs a review of a refusal`,
      'conflict',
    );
  }
}

function requestReview(command: RequestStatusDecisionReview, state: CaseState): StatusDecisionReviewRequested {
  assertOpenCase(state);
  if (state.referral.reviewPending) {
    throw new DomainRuleViolation(
      'review-pending',
      'A review of the refusal is already pending: wait for the new decision',
      'conflict',
    );
  }
  if (state.referral.decision !== 'refused') {
    throw new DomainRuleViolation(
      'review-needs-refusal',
      'Only a refusal of victim status can be reviewed',
      'conflict',
    );
  }
  return {
    type: 'StatusDecisionReviewRequested',
    data: { caseId: state.caseId, reason: command.reason, requestedAt: command.now.toISOString() },
  };
}
