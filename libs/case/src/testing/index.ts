export { SPEC_NOW, caseOpened, caseWorker } from './case-fixtures';
