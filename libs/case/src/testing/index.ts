export {
  SPEC_NOW,
  caseClosed,
  caseOpened,
  caseReopened,
  caseTransferred,
  caseWorker,
  guardianAppointed,
} from './case-fixtures';
