/**
 * The case's closed lists and nothing else (`@nrm/case/vocabulary`): the console offers exactly the
 * API's choices from them. Plain constants, so a browser bundle takes no server code with them.
 */
export {
  ADULT_AGE,
  CASE_STAGES,
  CASE_STATUSES,
  EXPLOITATION_TYPES,
  SEXES,
  URGENT_NEEDS,
} from '../domain/case-vocabulary';
export { CHOOSABLE_CLOSURE_REASONS, ERASURE_AUTHORITIES } from '../tracks/lifecycle/case-lifecycle.events';
export { REFLECTION_PERIOD_OUTCOMES } from '../tracks/reflection-period/reflection-period.events';
export {
  REINTEGRATION_DOMAINS,
  REINTEGRATION_OUTCOMES,
  REINTEGRATION_PROGRESS,
} from '../tracks/reintegration/reintegration.events';
export { REPATRIATION_RISK_LEVELS, TRAVEL_DOCUMENT_TYPES } from '../tracks/repatriation/repatriation.events';
