import type { CaseEvent } from '..';
import type { ExistingCase } from '../case-state';
import type { RepatriationRiskLevel, TravelDocumentType } from './repatriation.events';

/** The repatriation under way: requested, then assessed, documented, scheduled (DESIGN §3.5). */
export interface OpenRepatriation {
  destinationCountry: string;
  voluntaryConsent: boolean;
  /** The latest risk assessment: it supersedes every earlier one. */
  riskAssessment: { level: RepatriationRiskLevel; mitigated: boolean } | null;
  travelDocuments: TravelDocumentType[];
  /** YYYY-MM-DD once scheduled. */
  travelDate: string | null;
}

/** What the repatriation context keeps in the case state: at most one open repatriation. */
export interface RepatriationState {
  open: OpenRepatriation | null;
  /** Repatriations completed on this case (the person arrived). */
  completed: number;
}

export const initialRepatriationState = (): RepatriationState => ({ open: null, completed: 0 });

/** Folds the repatriation context's events into the case state; any other event leaves it as it is. */
export function evolveRepatriation(state: ExistingCase, event: CaseEvent): ExistingCase {
  const { open } = state.repatriation;
  switch (event.type) {
    case 'RepatriationRequested':
      return {
        ...state,
        repatriation: {
          ...state.repatriation,
          open: {
            destinationCountry: event.data.destinationCountry,
            voluntaryConsent: event.data.voluntaryConsent,
            riskAssessment: null,
            travelDocuments: [],
            travelDate: null,
          },
        },
      };
    case 'RepatriationRiskAssessed':
      if (!open) return state;
      return withOpen(state, { ...open, riskAssessment: { level: event.data.level, mitigated: event.data.mitigated } });
    case 'TravelDocumentsRecorded':
      if (!open) return state;
      return withOpen(state, {
        ...open,
        travelDocuments: [...new Set([...open.travelDocuments, ...event.data.documents])],
      });
    case 'RepatriationScheduled':
      if (!open) return state;
      return withOpen(state, { ...open, travelDate: event.data.travelDate });
    case 'RepatriationCompleted':
      return {
        ...state,
        stage: 'repatriation',
        repatriation: { open: null, completed: state.repatriation.completed + 1 },
      };
    case 'RepatriationCancelled':
      return withOpen(state, null);
    default:
      return state;
  }
}

function withOpen(state: ExistingCase, open: OpenRepatriation | null): ExistingCase {
  return { ...state, repatriation: { ...state.repatriation, open } };
}
