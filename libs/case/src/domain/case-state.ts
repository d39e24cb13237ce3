import type { CaseStage, CaseStatus } from './case-vocabulary';
import type { CaseEvent } from './case.events';

/** What the deciders of every context know about a case: folded from its stream. */
export type CaseState =
  | { exists: false }
  | {
      exists: true;
      caseId: string;
      /** The organisation that owns the case now (opened it, or received it by transfer). */
      organisationId: string;
      isChild: boolean;
      stage: CaseStage;
      status: CaseStatus;
      consentToReferral: boolean;
    };

export type ExistingCase = Extract<CaseState, { exists: true }>;

export const initialCaseState = (): CaseState => ({ exists: false });

export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  switch (event.type) {
    case 'CaseOpened':
      return {
        exists: true,
        caseId: event.data.caseId,
        organisationId: event.data.openingOrganisationId,
        isChild: event.data.isChild,
        stage: 'identification',
        status: 'presumed-victim',
        consentToReferral: event.data.consentToReferral,
      };
    case 'ReferralConsentRecorded':
      return state.exists ? { ...state, consentToReferral: event.data.consentToReferral } : state;
  }
}
