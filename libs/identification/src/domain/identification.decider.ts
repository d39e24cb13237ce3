import {
  assertOpenCase,
  type CaseEvent,
  type CaseOpened,
  type CaseState,
  evolveCase,
  type ExploitationType,
  type IdentificationCircumstances,
  initialCaseState,
  type PersonalIdentity,
  type PersonDetails,
  ADULT_AGE,
  type ReferralConsentRecorded,
  type UrgentNeed,
} from '@nrm/case/domain';
import { type Actor, type Decider, DomainRuleViolation } from '@nrm/shared-kernel';
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

export type IdentificationCommand = OpenCase | RecordReferralConsent;

/** A recorded identification time may lie a little ahead of the server clock (phone clocks drift). */
const CLOCK_SKEW_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * The rules of identification (DESIGN §3.1): opening a case and consent to referral. Every rule a
 * command must satisfy is checked here, before any event exists.
 */
export function createIdentificationDecider(
  catalogue: IndicatorCatalogue,
): Decider<CaseState, IdentificationCommand, CaseEvent> {
  return {
    initialState: initialCaseState,
    decide: (command, state) => {
      switch (command.type) {
        case 'OpenCase':
          return [openCase(command, state, catalogue)];
        case 'RecordReferralConsent':
          return recordReferralConsent(command, state);
      }
    },
    evolve: evolveCase,
  };
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

function openCase(command: OpenCase, state: CaseState, catalogue: IndicatorCatalogue): CaseOpened {
  if (state.exists) {
    throw new DomainRuleViolation('case-already-exists', `Case ${command.caseId} already exists`, 'conflict');
  }
  const identifiedAt = new Date(command.identification.identifiedAt);
  if (identifiedAt.getTime() > command.now.getTime() + CLOCK_SKEW_TOLERANCE_MS) {
    throw new DomainRuleViolation(
      'identification-not-in-future',
      'identification.identifiedAt lies in the future',
      'unprocessable',
      'identification.identifiedAt',
    );
  }
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
