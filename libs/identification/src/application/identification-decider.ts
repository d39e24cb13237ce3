import { createIdentificationDecider } from '@nrm/case/tracks/identification/identification.decider';
import { currentIndicatorCatalogue } from '@nrm/case/tracks/identification/indicator-catalogue/indicator-catalogue';

/** The decider of identification commands, with the catalogue new cases are identified with. */
export const identificationDecider = createIdentificationDecider(currentIndicatorCatalogue);
