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
