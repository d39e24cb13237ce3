import { randomUUID } from 'node:crypto';
import { caseOpened } from '@nrm/case/testing';

/**
 * The opening of a case as the projection tests append it straight to the store: the Baku police
 * open it for an adult citizen known by an estimated `age` (no date of birth), named `familyName`.
 */
export const policeOpenedCase = ({
  caseId,
  caseNumber,
  familyName,
  age,
  sex = 'female',
}: {
  caseId: string;
  caseNumber: string;
  familyName: string;
  age: number;
  sex?: 'female' | 'male';
}) =>
  caseOpened({
    caseId,
    caseNumber,
    personId: randomUUID(),
    person: { givenName: 'Test', familyName, estimatedAge: age, languages: ['az'] },
    sex,
    citizenship: 'AZ',
    ageAtIdentification: age,
    identification: { identifiedAt: '2026-11-20T10:00:00Z', place: 'Bakı', country: 'AZ' },
    openingOrganisationId: 'police-baku',
    openingOrganisationType: 'police',
  });
