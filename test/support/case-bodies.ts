/** A valid POST /cases body, fresh on every call. */
export const validCase = () => ({
  person: {
    givenName: 'Aysel',
    familyName: 'Məmmədova',
    dateOfBirth: '1999-04-12',
    sex: 'female',
    citizenship: 'UZ',
    languages: ['uz', 'ru'],
  },
  identification: {
    identifiedAt: '2026-11-20T14:30:00+04:00',
    place: 'Bakı Dəniz Limanı',
    region: 'Bakı',
    country: 'AZ',
  },
  exploitationTypes: ['labour'],
  indicatorCodes: ['GEN-01', 'LAB-01'],
  urgentNeeds: ['medical-care', 'interpreter'],
  consentToReferral: true,
  narrative: 'Passport held by the employer.',
});

/** A valid POST /shelters body: a small women's shelter run by an NGO in Baku. */
export const umidShelter = () => ({
  name: 'Ümid evi',
  operatorOrgId: 'ngo-umid',
  region: 'Bakı',
  beds: 3,
  accepts: ['women'],
});

/** A valid POST /shelters body: a shelter for women and children run by ngo-tamas in Baku. */
export const tamasShelter = (name: string, beds: number) => ({
  name,
  operatorOrgId: 'ngo-tamas',
  region: 'Bakı',
  beds,
  accepts: ['women', 'children'],
});
