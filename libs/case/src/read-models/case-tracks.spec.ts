import { activeTracksOf, type CaseTracks, emptyTracks, type PlacementTrack, stageOf } from './case-tracks';

const referred = (tracks: CaseTracks): CaseTracks => ({
  ...tracks,
  referral: { competentAuthorityOrgId: 'mia', referredAt: '2026-11-20T10:00:00Z' },
  statusDecision: { state: 'pending', decisionNumber: null, decidedOn: null, reasons: [], review: null },
});
const granted = (tracks: CaseTracks): CaseTracks => ({
  ...tracks,
  statusDecision: { state: 'granted', decisionNumber: '7/2026', decidedOn: '2026-11-21', reasons: [], review: null },
});
const reflecting = (tracks: CaseTracks, state: 'active' | 'ended' = 'active'): CaseTracks => ({
  ...tracks,
  reflectionPeriod: {
    periodId: 'p-1',
    state,
    startedAt: '2026-11-21T10:00:00Z',
    endsAt: '2026-12-21T10:00:00Z',
    days: 30,
    extensions: [],
    outcome: null,
    endedAt: null,
    expiredAt: null,
    periods: 1,
  },
});
const placed = (tracks: CaseTracks, state: PlacementTrack['state']): CaseTracks => ({
  ...tracks,
  placements: [
    {
      placementId: 'pl-1',
      shelterId: 's-1',
      shelterName: 'Ümid',
      state,
      needs: [],
      requestedAt: '2026-11-21T10:00:00Z',
      acceptedAt: null,
      declinedAt: null,
      checkedInAt: null,
      checkedOutOn: null,
      endedAt: null,
      shelterRevision: '3',
    },
  ],
});
const repatriating = (tracks: CaseTracks, state: 'requested' | 'completed' | 'cancelled'): CaseTracks => ({
  ...tracks,
  repatriation: {
    state,
    destinationCountry: 'UZ',
    voluntaryConsent: true,
    consentRecordedAt: '2026-11-21T10:00:00Z',
    requestedAt: '2026-11-21T10:00:00Z',
    risk: null,
    documents: [],
    travelDate: null,
    route: null,
    arrivedOn: null,
    cancelledAt: null,
  },
});
const closed = (tracks: CaseTracks): CaseTracks => ({
  ...tracks,
  closure: {
    state: 'closed',
    reason: 'lost-contact',
    stageBeforeClosure: 'shelter',
    closedAt: '2026-11-22T10:00:00Z',
    reopenedAt: null,
  },
});

describe('The stage and the active tracks, derived from the tracks', () => {
  it('given a case just opened, then it is in identification', () => {
    expect(stageOf(emptyTracks())).toBe('identification');
    expect(activeTracksOf(emptyTracks())).toEqual(['identification']);
  });

  it('given a referral awaiting its decision, then stage and track referral; once decided, no track runs', () => {
    expect(stageOf(referred(emptyTracks()))).toBe('referral');
    expect(activeTracksOf(referred(emptyTracks()))).toEqual(['referral']);
    expect(stageOf(granted(referred(emptyTracks())))).toBe('referral');
    expect(activeTracksOf(granted(referred(emptyTracks())))).toEqual([]);
  });

  it('given a reflection period while checked in at a shelter, then stage shelter, both tracks active', () => {
    const tracks = placed(reflecting(granted(referred(emptyTracks()))), 'checked-in');
    expect(stageOf(tracks)).toBe('shelter');
    expect(activeTracksOf(tracks)).toEqual(['reflection-period', 'shelter']);
  });

  it('given a placement only accepted, then the person is not in the shelter yet', () => {
    expect(stageOf(placed(reflecting(emptyTracks()), 'accepted'))).toBe('reflection-period');
  });

  it('given a repatriation in progress, then stage repatriation, over a shelter and a reflection period', () => {
    const tracks = repatriating(placed(reflecting(emptyTracks()), 'checked-in'), 'requested');
    expect(stageOf(tracks)).toBe('repatriation');
    expect(activeTracksOf(tracks)).toEqual(['identification', 'reflection-period', 'shelter', 'repatriation']);
  });

  it('given a reflection period ended and nothing else running, then it stays the stage reached', () => {
    expect(stageOf(reflecting(referred(emptyTracks()), 'ended'))).toBe('reflection-period');
  });

  it('given a cancelled repatriation, then the stage falls back to what runs', () => {
    expect(stageOf(repatriating(reflecting(emptyTracks()), 'cancelled'))).toBe('reflection-period');
    expect(stageOf(repatriating(emptyTracks(), 'completed'))).toBe('repatriation');
  });

  it('given a closed case, then closed, whatever ran before', () => {
    const tracks = closed(placed(reflecting(emptyTracks()), 'checked-out'));
    expect(stageOf(tracks)).toBe('closed');
    expect(activeTracksOf(tracks)).toEqual(['closed']);
  });
});
