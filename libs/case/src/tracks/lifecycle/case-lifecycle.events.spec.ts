import { EventCodec, PlaintextPersonalDataProtector, type RecordedEvent } from '@nrm/event-store';
import { CASE_LIFECYCLE_EVENT_TYPES, upcastCaseClosedV1 } from './case-lifecycle.events';

function recordedV1(data: Record<string, unknown>): RecordedEvent {
  return {
    id: '1b0c5d0e-7d7e-4a53-9b0e-2f1d8d1a1f00',
    type: 'CaseClosed',
    schemaVersion: 1,
    data,
    metadata: { actorId: 'worker-1', organisationId: 'ngo', correlationId: 'c-1', occurredAt: '2025-03-01T10:00:00Z' },
    streamName: 'case-1',
    revision: 3n,
    globalPosition: 9n,
    recordedAt: new Date(),
  };
}

describe('CaseClosed v1 → v2 (free-text reason → reason from the list + note)', () => {
  it('a free-text reason becomes other, the text kept as the note', () =>
    expect(upcastCaseClosedV1({ caseId: 'c', reason: 'Family took her home', stageBeforeClosure: 'shelter' })).toEqual({
      caseId: 'c',
      reason: 'other',
      note: 'Family took her home',
      stageBeforeClosure: 'shelter',
    }));

  it('a text naming a known reason becomes that reason', () => {
    expect(upcastCaseClosedV1({ caseId: 'c', reason: 'Lost contact' })).toEqual({
      caseId: 'c',
      reason: 'lost-contact',
    });
    expect(upcastCaseClosedV1({ caseId: 'c', reason: 'deceased' })).toEqual({ caseId: 'c', reason: 'deceased' });
  });

  it('an empty reason becomes other without a note', () =>
    expect(upcastCaseClosedV1({ caseId: 'c', reason: '  ' })).toEqual({ caseId: 'c', reason: 'other' }));

  it('the codec reads a stored v1 event as v2, and writes v2', async () => {
    const codec = new EventCodec(CASE_LIFECYCLE_EVENT_TYPES, new PlaintextPersonalDataProtector());
    const decoded = await codec.decode(
      recordedV1({ caseId: 'c', reason: 'moved abroad', stageBeforeClosure: 'reintegration', closedAt: 'x' }),
    );
    expect(decoded.data).toEqual({
      caseId: 'c',
      reason: 'other',
      note: 'moved abroad',
      stageBeforeClosure: 'reintegration',
      closedAt: 'x',
    });
    const encoded = await codec.encode(
      { type: 'CaseClosed', data: { caseId: 'c', personId: 'p', reason: 'deceased', stageBeforeClosure: 'shelter' } },
      recordedV1({}).metadata,
    );
    expect(encoded.schemaVersion).toBe(2);
  });
});
