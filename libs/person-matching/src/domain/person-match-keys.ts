import type { PersonToIndex } from '@nrm/case/domain';
import { normalisePersonName } from './person-name';

/** What the person's case says about them: what the case's person index (its port) hands over. */
export type PersonToMatch = PersonToIndex;

/**
 * The strings whose keyed hashes form the person's blind index; two cases sharing any one of them
 * are a possible match. Two kinds, so that either kind of birth data matches:
 * - the normalised name with the full date of birth (citizenship aside: agencies record it
 *   differently, and name plus date is already specific);
 * - the normalised name with a year of birth and the citizenship: from the date of birth, or both
 *   years an estimated age allows (27 at identification in 2026: born 1998 or 1999). An unknown
 *   citizenship gives none of these (too weak on name and year alone).
 * Versioned ("v1"), so a change of the normalisation can be told from the old entries.
 */
/**
 * The most strings one person gives: two (the date's pair, or an estimated age's two years). The
 * blind index tells PostgreSQL so, to keep one plan for every opening.
 */
export const MAX_PERSON_MATCH_KEYS = 2;

export function personMatchKeys(person: PersonToMatch): string[] {
  const name = normalisePersonName(person.givenName, person.familyName);
  if (name.length === 0) return [];
  const keys: string[] = [];
  const birthYears = new Set<number>();
  if (person.dateOfBirth !== undefined) {
    keys.push(`v1|name-date|${name}|${person.dateOfBirth}`);
    birthYears.add(Number(person.dateOfBirth.slice(0, 4)));
  } else if (person.estimatedAge !== undefined) {
    const identifiedYear = Number(person.identifiedAt.slice(0, 4));
    birthYears.add(identifiedYear - person.estimatedAge);
    birthYears.add(identifiedYear - person.estimatedAge - 1);
  }
  if (person.citizenship !== 'unknown') {
    for (const year of [...birthYears].sort())
      keys.push(`v1|name-year-citizenship|${name}|${year}|${person.citizenship}`);
  }
  return keys;
}
