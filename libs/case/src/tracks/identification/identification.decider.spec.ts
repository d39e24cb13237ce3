import { deciderSpec, policeOfficer } from '@nrm/shared-kernel/testing';
import { caseClosed, guardianAppointed, SPEC_NOW } from '../../testing/case-fixtures';
import type { CaseOpened } from './identification.events';
import { createIdentificationDecider, type IdentificationCommand, type OpenCase } from './identification.decider';
import { currentIndicatorCatalogue } from './indicator-catalogue/indicator-catalogue';

const decider = createIdentificationDecider(currentIndicatorCatalogue);
const now = SPEC_NOW;

function openCase(overrides: Partial<OpenCase> = {}): OpenCase {
  return {
    type: 'OpenCase',
    caseId: 'case-1',
    caseNumber: 'NRM-2026-000001',
    personId: 'person-1',
    person: {
      givenName: 'Aysel',
      familyName: 'Məmmədova',
      dateOfBirth: '1999-04-12',
      sex: 'female',
      citizenship: 'UZ',
      languages: ['uz'],
    },
    identification: { identifiedAt: '2026-11-20T14:30:00+04:00', place: 'Bakı Dəniz Limanı', country: 'AZ' },
    exploitationTypes: ['labour'],
    indicatorCodes: ['GEN-01', 'LAB-01'],
    urgentNeeds: ['medical-care'],
    consentToReferral: true,
    actor: policeOfficer,
    now,
    ...overrides,
  };
}

const { given, stateAfter } = deciderSpec(decider);

const opened = (): CaseOpened => decider.decide(openCase(), decider.initialState())[0] as CaseOpened;

describe('Identification decider: opening a case', () => {
  it('opens a case for an adult, recording who opened it and the catalogue version', () =>
    given([])
      .when(openCase())
      .then(([event]) => {
        expect(event).toMatchObject({
          type: 'CaseOpened',
          data: {
            caseId: 'case-1',
            ageAtIdentification: 27,
            isChild: false,
            sex: 'female',
            citizenship: 'UZ',
            person: { givenName: 'Aysel', familyName: 'Məmmədova', dateOfBirth: '1999-04-12', languages: ['uz'] },
            indicators: { catalogueVersion: currentIndicatorCatalogue.version, codes: ['GEN-01', 'LAB-01'] },
            openingOrganisationId: 'police-baku',
            openingOrganisationType: 'police',
          },
        });
      }));

  it('makes a child case from the date of birth: 17 the day before the 18th birthday', () =>
    given([])
      .when(
        openCase({
          person: { ...openCase().person, dateOfBirth: '2008-11-21' },
          identification: { ...openCase().identification, identifiedAt: '2026-11-20T12:00:00Z' },
        }),
      )
      .then(([event]) => expect(event.data).toMatchObject({ ageAtIdentification: 17, isChild: true })));

  it('makes a child case from an estimated age', () =>
    given([])
      .when(
        openCase({
          person: {
            givenName: 'A',
            familyName: 'B',
            estimatedAge: 15,
            sex: 'male',
            citizenship: 'stateless',
            languages: [],
          },
        }),
      )
      .then(([event]) => expect(event.data).toMatchObject({ ageAtIdentification: 15, isChild: true })));

  it('accepts an identification recorded late, with its real time', () =>
    given([])
      .when(openCase({ identification: { identifiedAt: '2026-10-01T08:00:00Z', place: 'Astara', country: 'AZ' } }))
      .then(([event]) => expect((event as CaseOpened).data.identification.identifiedAt).toBe('2026-10-01T08:00:00Z')));

  it('refuses indicator codes that are not in the catalogue', () =>
    given([])
      .when(openCase({ indicatorCodes: ['GEN-01', 'XXX-99'] }))
      .thenRuleBroken('indicator-codes-in-catalogue'));

  it('refuses a person with neither date of birth nor estimated age', () =>
    given([])
      .when(openCase({ person: { givenName: 'A', familyName: 'B', sex: 'female', citizenship: 'AZ', languages: [] } }))
      .thenRuleBroken('age-or-date-of-birth'));

  it('refuses an identification in the future', () =>
    given([])
      .when(openCase({ identification: { identifiedAt: '2026-11-22T10:00:00Z', place: 'Bakı', country: 'AZ' } }))
      .thenRuleBroken('identification-not-in-future'));

  it('refuses a date of birth after the identification', () =>
    given([])
      .when(openCase({ person: { ...openCase().person, dateOfBirth: '2026-11-21' } }))
      .thenRuleBroken('birth-before-identification'));

  it('refuses to open a case twice', () => given([opened()]).when(openCase()).thenRuleBroken('case-already-exists'));
});

describe('Identification decider: consent to referral', () => {
  const record = (consentToReferral: boolean): IdentificationCommand => ({
    type: 'RecordReferralConsent',
    consentToReferral,
    actor: policeOfficer,
    now,
  });

  it('records a withdrawal of consent', () =>
    given([opened()])
      .when(record(false))
      .then([
        {
          type: 'ReferralConsentRecorded',
          data: { caseId: 'case-1', consentToReferral: false, recordedAt: now.toISOString() },
        },
      ]));

  it('appends nothing when the consent is already what is recorded', () =>
    given([opened()]).when(record(true)).then([]));

  it('refuses consent for a case that does not exist', () =>
    given([]).when(record(true)).thenRuleBroken('case-exists'));
});

describe('Identification decider: child cases', () => {
  const childOpened = (): CaseOpened =>
    decider.decide(
      openCase({ person: { ...openCase().person, dateOfBirth: '2012-05-01' } }),
      decider.initialState(),
    )[0] as CaseOpened;
  const notify = (notifiedAt = '2026-11-20T16:00:00+04:00'): IdentificationCommand => ({
    type: 'NotifyChildProtection',
    childProtectionOrgId: 'child-protection-baku',
    notifiedAt,
    actor: policeOfficer,
    now,
  });
  const appoint = (appointedOn = '2026-11-21'): IdentificationCommand => ({
    type: 'AppointGuardian',
    guardianName: 'Leyla Həsənova',
    appointedBy: 'guardianship-baku',
    appointedOn,
    actor: policeOfficer,
    now,
  });
  const closed = caseClosed();

  it('records the notification of the child-protection body, in UTC', () =>
    given([childOpened()])
      .when(notify())
      .then([
        {
          type: 'ChildProtectionNotified',
          data: {
            caseId: 'case-1',
            childProtectionOrgId: 'child-protection-baku',
            notifiedAt: '2026-11-20T12:00:00.000Z',
          },
        },
      ]));

  it('the state knows the body was notified', () =>
    expect(stateAfter([childOpened(), ...decider.decide(notify(), stateAfter([childOpened()]))])).toMatchObject({
      childProtectionNotified: true,
      guardianAppointed: false,
    }));

  it('refuses a notification for an adult case', () =>
    given([opened()]).when(notify()).thenRuleBroken('not-a-child-case'));

  it('refuses a second notification', () => {
    const [notified] = decider.decide(notify(), stateAfter([childOpened()]));
    given([childOpened(), notified]).when(notify()).thenRuleBroken('child-protection-notified-once');
  });

  it('refuses a notification in the future', () =>
    given([childOpened()]).when(notify('2026-11-22T10:00:00Z')).thenRuleBroken('notified-at-not-in-future'));

  it('refuses a notification for a closed case', () =>
    given([childOpened(), closed]).when(notify()).thenRuleBroken('case-not-closed'));

  it('refuses a notification for a case that does not exist', () =>
    given([]).when(notify()).thenRuleBroken('case-exists'));

  it("appoints a guardian, the name as personal data about the child's person id", () =>
    given([childOpened()])
      .when(appoint())
      .then((events) => {
        expect(events).toEqual([guardianAppointed('2026-11-21')]);
        expect(stateAfter([childOpened(), ...events])).toMatchObject({
          guardianAppointed: true,
        });
      }));

  it('a later appointment replaces the guardian', () => {
    const [first] = decider.decide(appoint('2026-11-01'), stateAfter([childOpened()]));
    given([childOpened(), first])
      .when(appoint())
      .then(([event]) => expect(event.type).toBe('GuardianAppointed'));
  });

  it('refuses a guardian for an adult case', () =>
    given([opened()]).when(appoint()).thenRuleBroken('not-a-child-case'));

  it('refuses an appointment dated in the future (a day ahead of UTC is allowed: Baku is UTC+4)', () => {
    given([childOpened()])
      .when(appoint('2026-11-22'))
      .then(([event]) => expect(event.type).toBe('GuardianAppointed'));
    given([childOpened()]).when(appoint('2026-11-23')).thenRuleBroken('appointed-on-not-in-future');
  });

  it('refuses a guardian for a closed case', () =>
    given([childOpened(), closed]).when(appoint()).thenRuleBroken('case-not-closed'));
});
