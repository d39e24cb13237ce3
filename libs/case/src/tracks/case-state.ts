import { type CommandDeciders, type Decider, decideByType } from '@nrm/shared-kernel';
import type { CaseStage, CaseStatus } from '../domain/case-vocabulary';
import type { CaseEvent } from '.';
import {
  type CaseLifecycleState,
  evolveCaseLifecycle,
  initialCaseLifecycleState,
} from './lifecycle/case-lifecycle.state';
import { evolveReferral, initialReferralState, type ReferralState } from './referral/referral.state';
import {
  evolveReflectionPeriod,
  initialReflectionPeriodState,
  type ReflectionPeriodState,
} from './reflection-period/reflection-period.state';
import {
  evolveReintegration,
  initialReintegrationState,
  type ReintegrationState,
} from './reintegration/reintegration.state';
import {
  evolveRepatriation,
  initialRepatriationState,
  type RepatriationState,
} from './repatriation/repatriation.state';

/**
 * What the deciders of every track know about a case, folded from its one stream: the identity of the
 * case, then one slice per track (each track's <track>.state.ts says how its events fold).
 */
export type CaseState = { exists: false } | ExistingCase;

export interface ExistingCase {
  exists: true;
  caseId: string;
  caseNumber: string;
  /** The organisation that owns the case now (opened it, or received it by transfer). */
  organisationId: string;
  /** The person the case is about: subject of the personal data in the case's events. */
  personId: string;
  isChild: boolean;
  /** Child cases: the child-protection body was notified (DESIGN §3.1). */
  childProtectionNotified: boolean;
  /** Child cases: a guardian was appointed (needed before any placement). */
  guardianAppointed: boolean;
  stage: CaseStage;
  status: CaseStatus;
  consentToReferral: boolean;
  referral: ReferralState;
  reflectionPeriod: ReflectionPeriodState;
  repatriation: RepatriationState;
  reintegration: ReintegrationState;
  lifecycle: CaseLifecycleState;
}

export const initialCaseState = (): CaseState => ({ exists: false });

const contextEvolvers = [
  evolveReferral,
  evolveReflectionPeriod,
  evolveRepatriation,
  evolveReintegration,
  evolveCaseLifecycle,
];

export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'CaseOpened') {
    return {
      exists: true,
      caseId: event.data.caseId,
      caseNumber: event.data.caseNumber,
      organisationId: event.data.openingOrganisationId,
      personId: event.data.personId,
      isChild: event.data.isChild,
      childProtectionNotified: false,
      guardianAppointed: false,
      stage: 'identification',
      status: 'presumed-victim',
      consentToReferral: event.data.consentToReferral,
      referral: initialReferralState(),
      reflectionPeriod: initialReflectionPeriodState(),
      repatriation: initialRepatriationState(),
      reintegration: initialReintegrationState(),
      lifecycle: initialCaseLifecycleState(),
    };
  }
  if (!state.exists) return state;
  if (event.type === 'ReferralConsentRecorded') return { ...state, consentToReferral: event.data.consentToReferral };
  if (event.type === 'ChildProtectionNotified') return { ...state, childProtectionNotified: true };
  if (event.type === 'GuardianAppointed') return { ...state, guardianAppointed: true };
  return contextEvolvers.reduce((evolved, evolve) => evolve(evolved, event), state);
}

/**
 * A track's decider: its commands, one function each, decided on the whole case's state (every track
 * folds the one stream with evolveCase).
 */
export function caseTrackDecider<Command extends { type: string }>(
  deciders: CommandDeciders<CaseState, Command, CaseEvent>,
): Decider<CaseState, Command, CaseEvent> {
  return { initialState: initialCaseState, evolve: evolveCase, decide: decideByType(deciders) };
}
