import { MAX_PERSON_MATCH_KEYS, personMatchKeys, type PersonToMatch } from './person-match-keys';

const aygun: PersonToMatch = {
  givenName: 'Aygün',
  familyName: 'Məmmədova',
  dateOfBirth: '1999-04-12',
  citizenship: 'AZ',
  identifiedAt: '2026-11-20T14:30:00+04:00',
};

const shareAKey = (a: PersonToMatch, b: PersonToMatch) =>
  personMatchKeys(a).some((key) => personMatchKeys(b).includes(key));

describe('personMatchKeys', () => {
  it('given a date of birth: the name with the date, and the name with the year and citizenship', () => {
    expect(personMatchKeys(aygun)).toEqual([
      'v1|name-date|aigun mamadova|1999-04-12',
      'v1|name-year-citizenship|aigun mamadova|1999|AZ',
    ]);
  });

  it('given an estimated age: both possible birth years', () => {
    const { dateOfBirth: _, ...withoutDate } = aygun;
    expect(personMatchKeys({ ...withoutDate, estimatedAge: 27 })).toEqual([
      'v1|name-year-citizenship|aigun mamadova|1998|AZ',
      'v1|name-year-citizenship|aigun mamadova|1999|AZ',
    ]);
  });

  it.each<[string, Partial<PersonToMatch>, boolean]>([
    ['another spelling, names swapped', { givenName: 'Мамедова', familyName: 'Айгюн' }, true],
    ['only an estimated age that fits', { dateOfBirth: undefined, estimatedAge: 27 }, true],
    ['another citizenship, same date', { citizenship: 'RU' }, true],
    ['another citizenship, only an age', { dateOfBirth: undefined, estimatedAge: 27, citizenship: 'RU' }, false],
    ['an age that does not fit', { dateOfBirth: undefined, estimatedAge: 40 }, false],
    ['another date in another year', { dateOfBirth: '2001-04-12' }, false],
    ['another given name', { givenName: 'Aysel' }, false],
  ])('compared with %s: match %s', (_, change, expected) => {
    const other = { ...aygun, ...change };
    if (other.dateOfBirth === undefined) delete other.dateOfBirth;
    expect(shareAKey(aygun, other)).toBe(expected);
  });

  it('an unknown citizenship and no date of birth give nothing to compare', () => {
    expect(personMatchKeys({ ...aygun, dateOfBirth: undefined, estimatedAge: 27, citizenship: 'unknown' })).toEqual([]);
  });

  it.each<[string, Partial<PersonToMatch>]>([
    ['a date of birth', {}],
    ['an estimated age', { dateOfBirth: undefined, estimatedAge: 27 }],
    ['a date of birth and an estimated age', { estimatedAge: 27 }],
  ])('given %s: never more than MAX_PERSON_MATCH_KEYS strings', (_, change) => {
    const person = { ...aygun, ...change };
    if (person.dateOfBirth === undefined) delete person.dateOfBirth;
    expect(personMatchKeys(person).length).toBeLessThanOrEqual(MAX_PERSON_MATCH_KEYS);
  });
});
