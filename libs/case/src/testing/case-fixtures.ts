import type { Actor, OrganisationType } from '@nrm/shared-kernel';
import type { CaseOpened, GuardianAppointed } from '../tracks/identification/identification.events';
import type { CaseClosed, CaseReopened, CaseTransferred } from '../tracks/lifecycle/case-lifecycle.events';

/**
 * Givens shared by the deciders' given/when/then specs of every context: a case opened for an
 * adult foreign national, and the people who act on it. Each spec overrides only what its rules
 * look at, so a reader sees what matters to the test.
 */
export const SPEC_NOW = new Date('2026-11-21T10:00:00Z');

export function caseOpened(overrides: Partial<CaseOpened['data']> = {}): CaseOpened {
  return {
    type: 'CaseOpened',
    data: {
      caseId: 'case-1',
      caseNumber: 'NRM-2026-000001',
      personId: 'person-1',
      person: { givenName: 'Aysel', familyName: 'Məmmədova', dateOfBirth: '1999-04-12', languages: ['uz'] },
      sex: 'female',
      citizenship: 'UZ',
      ageAtIdentification: 27,
      isChild: false,
      identification: { identifiedAt: '2026-11-20T14:30:00+04:00', place: 'Bakı', country: 'AZ' },
      exploitationTypes: ['labour'],
      indicators: { catalogueVersion: '2026.1', codes: ['GEN-01'] },
      urgentNeeds: [],
      consentToReferral: true,
      openingOrganisationId: 'ngo-clean-world',
      openingOrganisationType: 'ngo',
      ...overrides,
    },
  };
}

/** The case and person of `caseOpened()`, which the later events below are about, and when they happen. */
const aboutCase = { caseId: 'case-1', personId: 'person-1' };
const at = SPEC_NOW.toISOString();

/** `caseOpened()` closed: contact lost while it was in identification. */
export function caseClosed(overrides: Partial<CaseClosed['data']> = {}): CaseClosed {
  return {
    type: 'CaseClosed',
    data: { ...aboutCase, reason: 'lost-contact', stageBeforeClosure: 'identification', closedAt: at, ...overrides },
  };
}

/** `caseClosed()` reopened, back in identification. */
export function caseReopened(overrides: Partial<CaseReopened['data']> = {}): CaseReopened {
  return {
    type: 'CaseReopened',
    data: { ...aboutCase, reason: 'Back', stage: 'identification', reopenedAt: at, ...overrides },
  };
}

/** `caseOpened()` transferred from the NGO that opened it to another. */
export function caseTransferred(reason = 'The person moved to Gəncə'): CaseTransferred {
  return {
    type: 'CaseTransferred',
    data: {
      ...aboutCase,
      fromOrganisationId: 'ngo-clean-world',
      toOrganisationId: 'ngo-ganja',
      toOrganisationType: 'ngo',
      reason,
      transferredAt: at,
    },
  };
}

/** A guardian appointed for the person of a child's `caseOpened({ isChild: true, … })`. */
export function guardianAppointed(appointedOn = '2026-11-21'): GuardianAppointed {
  return {
    type: 'GuardianAppointed',
    data: { ...aboutCase, guardianName: 'Leyla Həsənova', appointedBy: 'guardianship-baku', appointedOn },
  };
}

/** A case worker of an NGO (the organisation that opened `caseOpened()` by default). */
export function caseWorker(organisationId = 'ngo-clean-world', organisationType: OrganisationType = 'ngo'): Actor {
  return { userId: 'worker-1', name: 'Case Worker', organisationId, organisationType, roles: ['case-worker'] };
}
