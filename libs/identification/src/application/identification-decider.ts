import { createIdentificationDecider } from '../domain/identification.decider';
import { currentIndicatorCatalogue } from '../domain/indicator-catalogue/indicator-catalogue';

/** The decider of identification commands, with the catalogue new cases are identified with. */
export const identificationDecider = createIdentificationDecider(currentIndicatorCatalogue);
