import type { CaseEvent } from '..';
import type { ExistingCase } from '../case-state';
import type { ReintegrationDomain } from './reintegration.events';

/** The case's individual reintegration plan (DESIGN §3.6): one per case. */
export interface ReintegrationPlan {
  goalDomains: ReintegrationDomain[];
  reviewEveryDays: number;
  /** YYYY-MM-DD. */
  adoptedOn: string;
  /** YYYY-MM-DD the next review falls due; null once completed. */
  nextReviewDue: string | null;
  completed: boolean;
}

/** What the reintegration context keeps in the case state. */
export interface ReintegrationState {
  plan: ReintegrationPlan | null;
}

export const initialReintegrationState = (): ReintegrationState => ({ plan: null });

/** Folds the reintegration context's events into the case state; any other event leaves it as it is. */
export function evolveReintegration(state: ExistingCase, event: CaseEvent): ExistingCase {
  const { plan } = state.reintegration;
  switch (event.type) {
    case 'ReintegrationPlanAdopted':
      return {
        ...state,
        stage: 'reintegration',
        reintegration: {
          plan: {
            goalDomains: [...new Set(event.data.goals.map((goal) => goal.domain))],
            reviewEveryDays: event.data.reviewEveryDays,
            adoptedOn: event.data.adoptedOn,
            nextReviewDue: event.data.nextReviewDue,
            completed: false,
          },
        },
      };
    case 'ReintegrationReviewed':
      if (!plan) return state;
      return { ...state, reintegration: { plan: { ...plan, nextReviewDue: event.data.nextReviewDue } } };
    case 'ReintegrationCompleted':
      if (!plan) return state;
      return { ...state, reintegration: { plan: { ...plan, nextReviewDue: null, completed: true } } };
    default:
      return state;
  }
}
