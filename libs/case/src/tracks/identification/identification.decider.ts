import type { CaseEvent } from '..';
import { assertOpenCase } from '../../domain/case-rules';
import { ADULT_AGE, type ExploitationType, type UrgentNeed } from '../../domain/case-vocabulary';
import { caseTrackDecider, type CaseState, type ExistingCase } from '../case-state';
import type {
  CaseOpened,
  ChildProtectionNotified,
  GuardianAppointed,
  IdentificationCircumstances,
  PersonDetails,
  PersonalIdentity,
  ReferralConsentRecorded,
} from './identification.events';
import { type Actor, assertMomentNotInFuture, type Decider, DomainRuleViolation } from '@nrm/shared-kernel';
import { type IndicatorCatalogue, unknownIndicatorCodes } from './indicator-catalogue/indicator-catalogue';

export interface OpenCase {
  type: 'OpenCase';
  caseId: string;
  caseNumber: string;
  personId: string;
  person: PersonDetails;
  identification: IdentificationCircumstances;
  exploitationTypes: ExploitationType[];
  indicatorCodes: string[];
  urgentNeeds: UrgentNeed[];
  consentToReferral: boolean;
  narrative?: string;
  actor: Actor;
  now: Date;
}

export interface RecordReferralConsent {
  type: 'RecordReferralConsent';
  consentToReferral: boolean;
  actor: Actor;
  now: Date;
}

/** Child cases: the child-protection body was notified (DESIGN §3.1). */
export interface NotifyChildProtection {
  type: 'NotifyChildProtection';
  childProtectionOrgId: string;
  /** ISO-8601; may lie in the past when recorded late. */
  notifiedAt: string;
  actor: Actor;
  now: Date;
}

/** Child cases: a guardian is appointed (needed before any placement). */
export interface AppointGuardian {
  type: 'AppointGuardian';
  guardianName: string;
  appointedBy: string;
  /** YYYY-MM-DD. */
  appointedOn: string;
  actor: Actor;
  now: Date;
}

export type IdentificationCommand = OpenCase | RecordReferralConsent | NotifyChildProtection | AppointGuardian;

/** A date (YYYY-MM-DD) may be a day ahead of the server's UTC date (Baku is UTC+4). */
const ONE_DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The rules of identification (DESIGN §3.1): opening a case, consent to referral and, for a child
 * case, notifying the child-protection body and appointing a guardian. Every rule a command must
 * satisfy is checked here, before any event exists:
 *
 * - every command but OpenCase: the case exists and is open ('case-exists', 'case-not-closed', 409).
 * - notify child protection: a child case only ('not-a-child-case', 422); once
 *   ('child-protection-notified-once', 409); not in the future ('notified-at-not-in-future', 422).
 * - appoint a guardian: a child case only ('not-a-child-case', 422); not in the future
 *   ('appointed-on-not-in-future', 422). A later appointment replaces the guardian.
 */
export function createIdentificationDecider(
  catalogue: IndicatorCatalogue,
): Decider<CaseState, IdentificationCommand, CaseEvent> {
  return caseTrackDecider<IdentificationCommand>({
    OpenCase: (command, state) => openCase(command, state, catalogue),
    RecordReferralConsent: recordReferralConsent,
    NotifyChildProtection: notifyChildProtection,
    AppointGuardian: appointGuardian,
  });
}

/** Recording the consent the case already holds changes nothing and appends nothing. */
function recordReferralConsent(command: RecordReferralConsent, state: CaseState): ReferralConsentRecorded[] {
  assertOpenCase(state);
  if (state.consentToReferral === command.consentToReferral) return [];
  return [
    {
      type: 'ReferralConsentRecorded',
      data: {
        caseId: state.caseId,
        consentToReferral: command.consentToReferral,
        recordedAt: command.now.toISOString(),
      },
    },
  ];
}

function assertChildCase(state: ExistingCase): void {
  if (!state.isChild) {
    throw new DomainRuleViolation('not-a-child-case', 'This is not a child case', 'unprocessable');
  }
}

function notifyChildProtection(command: NotifyChildProtection, state: CaseState): ChildProtectionNotified {
  assertOpenCase(state);
  assertChildCase(state);
  if (state.childProtectionNotified) {
    throw new DomainRuleViolation(
      'child-protection-notified-once',
      'The child-protection body was already notified of this case',
      'conflict',
    );
  }
  assertMomentNotInFuture(new Date(command.notifiedAt), command.now, 'notified-at-not-in-future', 'notifiedAt');
  return {
    type: 'ChildProtectionNotified',
    data: {
      caseId: state.caseId,
      childProtectionOrgId: command.childProtectionOrgId,
      notifiedAt: new Date(command.notifiedAt).toISOString(),
    },
  };
}

function appointGuardian(command: AppointGuardian, state: CaseState): GuardianAppointed {
  assertOpenCase(state);
  assertChildCase(state);
  if (new Date(`${command.appointedOn}T00:00:00Z`).getTime() > command.now.getTime() + ONE_DAY_MS) {
    throw new DomainRuleViolation(
      'appointed-on-not-in-future',
      'appointedOn lies in the future',
      'unprocessable',
      'appointedOn',
    );
  }
  return {
    type: 'GuardianAppointed',
    data: {
      caseId: state.caseId,
      personId: state.personId,
      guardianName: command.guardianName,
      appointedBy: command.appointedBy,
      appointedOn: command.appointedOn,
    },
  };
}

function openCase(command: OpenCase, state: CaseState, catalogue: IndicatorCatalogue): CaseOpened {
  if (state.exists) {
    throw new DomainRuleViolation('case-already-exists', `Case ${command.caseId} already exists`, 'conflict');
  }
  const identifiedAt = new Date(command.identification.identifiedAt);
  assertMomentNotInFuture(identifiedAt, command.now, 'identification-not-in-future', 'identification.identifiedAt');
  const ageAtIdentification = ageAt(command.person, identifiedAt);
  const unknownCodes = unknownIndicatorCodes(catalogue, command.indicatorCodes);
  if (unknownCodes.length > 0) {
    throw new DomainRuleViolation(
      'indicator-codes-in-catalogue',
      `indicatorCodes not in catalogue ${catalogue.version}: ${unknownCodes.join(', ')}`,
      'unprocessable',
      'indicatorCodes',
    );
  }
  return {
    type: 'CaseOpened',
    data: {
      caseId: command.caseId,
      caseNumber: command.caseNumber,
      personId: command.personId,
      person: personalIdentity(command.person),
      sex: command.person.sex,
      citizenship: command.person.citizenship,
      ageAtIdentification,
      isChild: ageAtIdentification < ADULT_AGE,
      identification: command.identification,
      exploitationTypes: [...new Set(command.exploitationTypes)],
      indicators: { catalogueVersion: catalogue.version, codes: [...new Set(command.indicatorCodes)] },
      urgentNeeds: [...new Set(command.urgentNeeds)],
      consentToReferral: command.consentToReferral,
      ...(command.narrative === undefined ? {} : { narrative: command.narrative }),
      openingOrganisationId: command.actor.organisationId,
      openingOrganisationType: command.actor.organisationType,
    },
  };
}

function personalIdentity({ sex: _sex, citizenship: _citizenship, ...identity }: PersonDetails): PersonalIdentity {
  return identity;
}

/** Whole years at a moment: from the date of birth when known, else the estimate given. */
function ageAt(person: PersonDetails, moment: Date): number {
  if (person.dateOfBirth !== undefined) {
    const birth = new Date(`${person.dateOfBirth}T00:00:00Z`);
    if (birth.getTime() > moment.getTime()) {
      throw new DomainRuleViolation(
        'birth-before-identification',
        'person.dateOfBirth lies after the identification',
        'unprocessable',
        'person.dateOfBirth',
      );
    }
    let age = moment.getUTCFullYear() - birth.getUTCFullYear();
    const birthdayPassed =
      moment.getUTCMonth() > birth.getUTCMonth() ||
      (moment.getUTCMonth() === birth.getUTCMonth() && moment.getUTCDate() >= birth.getUTCDate());
    if (!birthdayPassed) age -= 1;
    return age;
  }
  if (person.estimatedAge !== undefined) return person.estimatedAge;
  throw new DomainRuleViolation(
    'age-or-date-of-birth',
    'person needs a dateOfBirth or an estimatedAge',
    'unprocessable',
    'person.dateOfBirth',
  );
}
