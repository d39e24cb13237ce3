import { assertOpenCase } from '../../domain/case-rules';
import { caseTrackDecider, type CaseState, type ExistingCase } from '../case-state';
import {
  DEFAULT_REINTEGRATION_REVIEW_DAYS,
  type ReintegrationCompleted,
  type ReintegrationDomain,
  type ReintegrationGoal,
  type ReintegrationOutcome,
  type ReintegrationPlanAdopted,
  type ReintegrationProgress,
  type ReintegrationReviewed,
  type ReintegrationServiceDelivered,
} from './reintegration.events';
import { type Actor, assertDayNotInFuture, calendarDate, DomainRuleViolation } from '@nrm/shared-kernel';

/*
 * The rules of reintegration (DESIGN §3.6): an individual plan with goals by domain, services
 * delivered by provider organisations, periodic reviews (a deadline), completion.
 *
 * - adopt a plan: at least one goal (422 plan-needs-goals); one plan per case (409 plan-exists);
 *   presumed victims may have one too (assistance does not wait for the status decision). The case
 *   moves to stage 'reintegration'; the first review falls due reviewEveryDays (default 90) after.
 * - services, reviews, completion need a plan (409 needs-reintegration-plan) that is not completed
 *   (409 reintegration-completed).
 * - a service belongs to one of the plan's goal domains (422 service-outside-plan) and was delivered
 *   on a day not in the future (422 delivered-not-in-future); it may predate the plan (help given
 *   before the plan was written down).
 * - a review is dated not in the future and not before the plan (422 review-not-in-future,
 *   review-before-plan); the next review falls due reviewedOn + reviewEveryDays.
 * - completion is dated not in the future and not before the plan (422 completion-not-in-future,
 *   completion-before-plan); a completed plan cannot be completed again (409 reintegration-completed).
 */

export interface AdoptReintegrationPlan {
  type: 'AdoptReintegrationPlan';
  goals: ReintegrationGoal[];
  reviewEveryDays?: number;
  actor: Actor;
  now: Date;
}

export interface RecordReintegrationService {
  type: 'RecordReintegrationService';
  domain: ReintegrationDomain;
  providerOrgId: string;
  description: string;
  /** YYYY-MM-DD. */
  deliveredOn: string;
  actor: Actor;
  now: Date;
}

export interface ReviewReintegration {
  type: 'ReviewReintegration';
  /** YYYY-MM-DD. */
  reviewedOn: string;
  progress: ReintegrationProgress;
  notes?: string;
  actor: Actor;
  now: Date;
}

export interface CompleteReintegration {
  type: 'CompleteReintegration';
  /** YYYY-MM-DD. */
  completedOn: string;
  outcome: ReintegrationOutcome;
  actor: Actor;
  now: Date;
}

export type ReintegrationCommand =
  AdoptReintegrationPlan | RecordReintegrationService | ReviewReintegration | CompleteReintegration;

type Plan = NonNullable<ExistingCase['reintegration']['plan']>;

const DAY_MS = 24 * 60 * 60 * 1000;

export const reintegrationDecider = caseTrackDecider<ReintegrationCommand>({
  AdoptReintegrationPlan: adoptPlan,
  RecordReintegrationService: recordService,
  ReviewReintegration: review,
  CompleteReintegration: complete,
});

function adoptPlan(command: AdoptReintegrationPlan, state: CaseState): ReintegrationPlanAdopted {
  assertOpenCase(state);
  if (state.reintegration.plan) {
    throw new DomainRuleViolation(
      'plan-exists',
      `The case already has a reintegration plan (adopted ${state.reintegration.plan.adoptedOn})`,
      'conflict',
    );
  }
  if (command.goals.length === 0) {
    throw new DomainRuleViolation('plan-needs-goals', 'goals needs at least one goal', 'unprocessable', 'goals');
  }
  const reviewEveryDays = command.reviewEveryDays ?? DEFAULT_REINTEGRATION_REVIEW_DAYS;
  const adoptedOn = calendarDate(command.now);
  return {
    type: 'ReintegrationPlanAdopted',
    data: {
      caseId: state.caseId,
      goals: command.goals.map((goal) => ({
        domain: goal.domain,
        description: goal.description,
        ...(goal.targetDate === undefined ? {} : { targetDate: goal.targetDate }),
      })),
      reviewEveryDays,
      adoptedOn,
      nextReviewDue: addDays(adoptedOn, reviewEveryDays),
    },
  };
}

function recordService(command: RecordReintegrationService, state: CaseState): ReintegrationServiceDelivered {
  assertOpenCase(state);
  const plan = activePlanOf(state);
  if (!plan.goalDomains.includes(command.domain)) {
    throw new DomainRuleViolation(
      'service-outside-plan',
      `domain ${command.domain} is not among the plan's goals (${plan.goalDomains.join(', ')})`,
      'unprocessable',
      'domain',
    );
  }
  assertDayNotInFuture(command.deliveredOn, command.now, 'delivered-not-in-future', 'deliveredOn');
  return {
    type: 'ReintegrationServiceDelivered',
    data: {
      caseId: state.caseId,
      domain: command.domain,
      providerOrgId: command.providerOrgId,
      description: command.description,
      deliveredOn: command.deliveredOn,
    },
  };
}

function review(command: ReviewReintegration, state: CaseState): ReintegrationReviewed {
  assertOpenCase(state);
  const plan = activePlanOf(state);
  assertDayWithinPlan(plan, command.reviewedOn, command.now, 'reviewedOn', 'review');
  return {
    type: 'ReintegrationReviewed',
    data: {
      caseId: state.caseId,
      reviewedOn: command.reviewedOn,
      progress: command.progress,
      ...(command.notes === undefined ? {} : { notes: command.notes }),
      nextReviewDue: addDays(command.reviewedOn, plan.reviewEveryDays),
    },
  };
}

function complete(command: CompleteReintegration, state: CaseState): ReintegrationCompleted {
  assertOpenCase(state);
  const plan = activePlanOf(state);
  assertDayWithinPlan(plan, command.completedOn, command.now, 'completedOn', 'completion');
  return {
    type: 'ReintegrationCompleted',
    data: { caseId: state.caseId, completedOn: command.completedOn, outcome: command.outcome },
  };
}

/** The case's plan, still running. */
function activePlanOf(state: ExistingCase): Plan {
  const { plan } = state.reintegration;
  if (!plan) {
    throw new DomainRuleViolation(
      'needs-reintegration-plan',
      'The case has no reintegration plan: adopt one first',
      'conflict',
    );
  }
  if (plan.completed) {
    throw new DomainRuleViolation('reintegration-completed', 'The reintegration plan is already completed', 'conflict');
  }
  return plan;
}

/** A day recorded on the plan lies between its adoption and today. */
function assertDayWithinPlan(plan: Plan, day: string, now: Date, field: string, what: string): void {
  assertDayNotInFuture(day, now, `${what}-not-in-future`, field);
  if (day < plan.adoptedOn) {
    throw new DomainRuleViolation(
      `${what}-before-plan`,
      `${field} lies before the plan was adopted (${plan.adoptedOn})`,
      'unprocessable',
      field,
    );
  }
}

function addDays(day: string, days: number): string {
  return calendarDate(new Date(new Date(`${day}T00:00:00Z`).getTime() + days * DAY_MS));
}
