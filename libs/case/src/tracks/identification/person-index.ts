/**
 * The blind index of persons (duplicate-person alerts), as the case's opening and erasure use it.
 * A port: libs/person-matching provides it (PERSON_INDEX), so the case library depends on no
 * library that depends on it.
 */
export interface PersonIndex {
  /** Before the opening's append, in its unit of work: openings of one person one at a time. */
  lockPerson(person: PersonToIndex): Promise<void>;
  /** In the opening's unit of work: indexes the case and alerts coordinators of a possible match. */
  recordOpenedCase(opened: {
    caseId: string;
    caseNumber: string;
    personId: string;
    person: PersonToIndex;
  }): Promise<void>;
  /** In the erasure's unit of work: the case never matches again. */
  forgetCase(caseId: string): Promise<void>;
}

/**
 * What the index compares: the name, birth data and citizenship, as of identification, as the
 * opening officer entered them (plaintext).
 */
export interface PersonToIndex {
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD, when known. */
  dateOfBirth?: string;
  /** Years at identification, when the date of birth is unknown. */
  estimatedAge?: number;
  /** ISO 3166-1 alpha-2, 'stateless' or 'unknown'. */
  citizenship: string;
  /** ISO 8601: the age is an age at this moment. */
  identifiedAt: string;
}

export const PERSON_INDEX = Symbol('PERSON_INDEX');
