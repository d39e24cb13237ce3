/** The deadline kinds and nothing else (`@nrm/deadlines/vocabulary`): plain constants, for the console. */
export { DEADLINE_KINDS } from '../domain/deadline-kinds';
