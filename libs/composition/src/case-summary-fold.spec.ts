import { caseOpened } from '@nrm/case/testing';
import { summariseCase } from '@nrm/case';
import type { DecodedEvent } from '@nrm/event-store';
import { CASE_SUMMARY_RULES_OF_ALL_CONTEXTS } from './index';

/**
 * The one fold of the case summary (summariseCase), with every context's rules: the projection
 * writes it, and GET /cases/{id}?asOf= answers it over the events recorded up to a past instant.
 */
let position = 0n;
function recorded(
  type: string,
  data: Record<string, unknown>,
  { stream = 'case-case-1', revision = 0n, erased = false } = {},
): DecodedEvent {
  position += 1n;
  return {
    type,
    data,
    metadata: {
      actorId: 'officer-1',
      organisationId: 'ngo-clean-world',
      correlationId: 'c',
      occurredAt: '2026-11-21T10:00:00Z',
    },
    streamName: stream,
    revision,
    globalPosition: position,
    personalDataErased: erased,
  };
}

const opened = (erased = false) => {
  const { person, narrative, ...rest } = { ...caseOpened().data, narrative: 'Passport held.' };
  return recorded('CaseOpened', erased ? rest : { ...rest, person, narrative }, { erased });
};
const referred = recorded(
  'CaseReferred',
  { caseId: 'case-1', competentAuthorityOrgId: 'mia', referredAt: '2026-11-21T11:00:00Z' },
  { revision: 1n },
);
const granted = recorded(
  'VictimStatusGranted',
  { caseId: 'case-1', decisionNumber: '7/2026', decidedOn: '2026-11-14' },
  { revision: 2n },
);
const placementRequested = recorded(
  'PlacementRequested',
  {
    caseId: 'case-1',
    placementId: 'pl-1',
    shelterId: 's-1',
    shelterName: 'Ümid',
    needs: ['interpreter'],
    requestedAt: '2026-11-21T12:00:00Z',
  },
  { stream: 'shelter-s-1', revision: 4n },
);

describe('summariseCase: a case summary from its events alone', () => {
  it('given no event that opens the case, there is no summary (the case was not recorded yet)', () => {
    expect(summariseCase(CASE_SUMMARY_RULES_OF_ALL_CONTEXTS, 'case-1', [])).toBeNull();
    expect(summariseCase(CASE_SUMMARY_RULES_OF_ALL_CONTEXTS, 'case-1', [referred])).toBeNull();
  });

  it('given the opening and the referral: referred, the decision awaited, revision of the referral', () => {
    const summary = summariseCase(CASE_SUMMARY_RULES_OF_ALL_CONTEXTS, 'case-1', [opened(), referred]);
    expect(summary).toMatchObject({
      caseId: 'case-1',
      revision: 1n,
      stage: 'referral',
      activeTracks: ['referral'],
      status: 'presumed-victim',
      referredToOrganisationId: 'mia',
      person: { givenName: 'Aysel' },
      personalDataErased: false,
    });
    expect(summary?.tracks.statusDecision).toMatchObject({ state: 'pending', decidedOn: null });
  });

  it('given a late decision: granted, with the date it was taken, not the date it was recorded', () => {
    const summary = summariseCase(CASE_SUMMARY_RULES_OF_ALL_CONTEXTS, 'case-1', [opened(), referred, granted]);
    expect(summary).toMatchObject({ revision: 2n, status: 'victim' });
    expect(summary?.tracks.statusDecision).toMatchObject({ state: 'granted', decidedOn: '2026-11-14' });
  });

  it("given a placement on a shelter stream: it joins the case's tracks without changing its revision", () => {
    const summary = summariseCase(CASE_SUMMARY_RULES_OF_ALL_CONTEXTS, 'case-1', [
      opened(),
      referred,
      placementRequested,
    ]);
    expect(summary?.revision).toBe(1n);
    expect(summary?.tracks.placements).toEqual([
      expect.objectContaining({ placementId: 'pl-1', shelterId: 's-1', state: 'requested', shelterRevision: '4' }),
    ]);
  });

  it('given events whose personal data was erased: no name, no narrative, marked erased', () => {
    const summary = summariseCase(CASE_SUMMARY_RULES_OF_ALL_CONTEXTS, 'case-1', [opened(true), referred]);
    expect(summary).toMatchObject({ person: null, narrative: null, personalDataErased: true, stage: 'referral' });
  });
});
