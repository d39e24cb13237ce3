import type { ReferralConsentRecorded } from '../identification/identification.events';
import type { PersonalDataErased } from './case-lifecycle.events';
import {
  caseClosed,
  caseOpened,
  caseReopened,
  caseTransferred,
  caseWorker,
  SPEC_NOW,
} from '../../testing/case-fixtures';
import { coordinator, deciderSpec } from '@nrm/shared-kernel/testing';
import { caseLifecycleDecider, type CaseLifecycleCommand } from './case-lifecycle.decider';

const now = SPEC_NOW;
const worker = caseWorker();
const opened = caseOpened();

const close = (reason: 'reintegrated' | 'status-refused' | 'lost-contact' = 'lost-contact', note?: string) =>
  ({ type: 'CloseCase', reason, ...(note ? { note } : {}), actor: worker, now }) as CaseLifecycleCommand;
const reopen: CaseLifecycleCommand = { type: 'ReopenCase', reason: 'The person called again', actor: worker, now };
const transfer = (toOrganisationId = 'ngo-ganja'): CaseLifecycleCommand => ({
  type: 'TransferCase',
  toOrganisationId,
  toOrganisationType: 'ngo',
  reason: 'The person moved to Gəncə',
  actor: worker,
  now,
});

const { given, stateAfter } = deciderSpec(caseLifecycleDecider);

describe('Case lifecycle decider: closure', () => {
  it('closes an open case with the reason, the note and the stage it was in', () =>
    given([opened])
      .when(close('lost-contact', 'No answer for three months'))
      .then([
        caseClosed({
          reason: 'lost-contact',
          note: 'No answer for three months',
          stageBeforeClosure: 'identification',
        }),
      ]));

  it('a closed case is at stage closed and remembers where it was', () => {
    const state = stateAfter([opened, caseClosed()]);
    expect(state).toMatchObject({
      stage: 'closed',
      lifecycle: { closure: { reason: 'lost-contact', stageBeforeClosure: 'identification' } },
    });
  });

  it('refuses to close a closed case', () =>
    given([opened, caseClosed()]).when(close()).thenRuleBroken('case-not-closed'));

  it('refuses to close a case that does not exist', () => given([]).when(close()).thenRuleBroken('case-exists'));

  it("refuses 'status-refused' while victim status was not refused", () =>
    given([opened]).when(close('status-refused')).thenRuleBroken('closure-status-refused-needs-refusal'));

  it("closes with 'status-refused' once the status is not-a-victim", () => {
    const state = stateAfter([opened]);
    if (!state.exists) throw new Error('no case');
    const [event] = caseLifecycleDecider.decide(close('status-refused'), { ...state, status: 'not-a-victim' });
    expect(event).toMatchObject({ type: 'CaseClosed', data: { reason: 'status-refused' } });
  });

  it('a closed case rejects every command but reopen (e.g. consent, transfer)', () => {
    given([opened, caseClosed()]).when(transfer()).thenRuleBroken('case-not-closed');
  });
});

describe('Case lifecycle decider: reopening', () => {
  it('reopens a closed case at the stage it was closed in', () =>
    given([opened, caseClosed({ stageBeforeClosure: 'reintegration' })])
      .when(reopen)
      .then([caseReopened({ reason: 'The person called again', stage: 'reintegration' })]));

  it('a reopened case is back at its stage and accepts commands again', () => {
    const [reopened] = caseLifecycleDecider.decide(reopen, stateAfter([opened, caseClosed()]));
    const state = stateAfter([opened, caseClosed(), reopened]);
    expect(state).toMatchObject({ stage: 'identification', lifecycle: { closure: null } });
    given([opened, caseClosed(), reopened])
      .when(close('reintegrated'))
      .then(([event]) => expect(event.type).toBe('CaseClosed'));
  });

  it('refuses to reopen a case that is not closed', () =>
    given([opened]).when(reopen).thenRuleBroken('case-is-closed'));

  it('refuses to reopen a case that does not exist', () => given([]).when(reopen).thenRuleBroken('case-exists'));
});

describe('Case lifecycle decider: transfer', () => {
  it('transfers the case to another organisation, which owns it from then on', () =>
    given([opened])
      .when(transfer())
      .then((events) => {
        expect(events).toEqual([caseTransferred('The person moved to Gəncə')]);
        expect(stateAfter([opened, ...events])).toMatchObject({ organisationId: 'ngo-ganja' });
      }));

  it('refuses a transfer to the organisation that owns the case', () =>
    given([opened]).when(transfer('ngo-clean-world')).thenRuleBroken('transfer-to-another-organisation'));

  it('refuses to transfer a case that does not exist', () => given([]).when(transfer()).thenRuleBroken('case-exists'));

  it('other events leave the lifecycle as it is', () => {
    const consent: ReferralConsentRecorded = {
      type: 'ReferralConsentRecorded',
      data: { caseId: 'case-1', consentToReferral: false, recordedAt: now.toISOString() },
    };
    expect(stateAfter([opened, consent])).toMatchObject({ stage: 'identification', lifecycle: { closure: null } });
  });
});

describe('Case lifecycle decider: erasure of personal data by legal order', () => {
  const legalBasis = { authority: 'court' as const, decisionNumber: '2-1234/2026', decidedOn: '2026-11-20' };
  const erase = (basis: unknown = legalBasis): CaseLifecycleCommand =>
    ({
      type: 'ErasePersonalData',
      ...(basis === 'none' ? {} : { legalBasis: basis }),
      actor: coordinator,
      now,
    }) as CaseLifecycleCommand;
  const erased: PersonalDataErased = {
    type: 'PersonalDataErased',
    data: { caseId: 'case-1', personId: 'person-1', legalBasis, erasedAt: now.toISOString() },
  };

  it('records the erasure with its legal basis and nothing personal', () =>
    given([opened])
      .when(erase())
      .then((events) => {
        expect(events).toEqual([erased]);
        expect(stateAfter([opened, ...events])).toMatchObject({ lifecycle: { personalDataErased: true } });
      }));

  it('is allowed on a closed case (a legal order), and the case stays closed', () =>
    given([opened, caseClosed()])
      .when(erase())
      .then((events) => {
        expect(events).toEqual([erased]);
        expect(stateAfter([opened, caseClosed(), ...events])).toMatchObject({ stage: 'closed' });
      }));

  it('a second erasure of the same person decides nothing (harmless)', () =>
    given([opened, erased]).when(erase()).then([]));

  it('refuses an erasure without a legal basis (422, naming legalBasis)', () => {
    given([opened]).when(erase('none')).thenRuleBroken('erasure-needs-legal-basis');
    given([opened])
      .when(erase({ ...legalBasis, decisionNumber: '  ' }))
      .thenRuleBroken('erasure-needs-legal-basis');
    given([opened])
      .when(erase({ ...legalBasis, authority: 'police' }))
      .thenRuleBroken('erasure-needs-legal-basis');
    given([opened])
      .when(erase({ ...legalBasis, decidedOn: '2026-12-01' }))
      .thenRuleBroken('erasure-needs-legal-basis');
    try {
      caseLifecycleDecider.decide(erase('none'), stateAfter([opened]));
    } catch (error) {
      expect(error).toMatchObject({ kind: 'unprocessable', field: 'legalBasis' });
    }
  });

  it("accepts a decision dated 'today' in a time zone ahead of UTC", () =>
    given([opened])
      .when(erase({ ...legalBasis, decidedOn: '2026-11-21' }))
      .then(([event]) => expect(event.type).toBe('PersonalDataErased')));

  it('refuses to erase in a case that does not exist', () => given([]).when(erase()).thenRuleBroken('case-exists'));
});
