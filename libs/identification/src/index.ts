export * from './identification.module';
export { CaseNumbers } from './application/case-numbers';
