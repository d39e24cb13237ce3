import type { DecodedEvent } from '@nrm/event-store';
import type { DomainEvent } from '@nrm/shared-kernel';
import { caseOpened } from '../testing/case-fixtures';
import { summariseCase } from './case-summaries.projection';

/** A case-stream event as the codec decodes it, at the given revision. */
function decoded(event: DomainEvent, revision: number): DecodedEvent {
  return {
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: {
      actorId: 'worker-1',
      organisationId: 'ngo-clean-world',
      correlationId: `command-${revision}`,
      occurredAt: `2026-11-2${revision}T10:00:00Z`,
    },
    streamName: 'case-case-1',
    revision: BigInt(revision),
    globalPosition: BigInt(revision),
    personalDataErased: false,
  };
}

describe('summariseCase', () => {
  it('has no summary before the case is opened', () => {
    expect(summariseCase([])).toBeNull();
  });

  it('folds a case into its summary as it stood after the events given', () => {
    const referred = {
      type: 'CaseReferred',
      data: { caseId: 'case-1', competentAuthorityOrgId: 'mia', referredAt: '2026-11-22T10:00:00Z' },
    };
    const granted = {
      type: 'VictimStatusGranted',
      data: { caseId: 'case-1', decisionNumber: '7/2026', decidedOn: '2026-11-23' },
    };
    const events = [caseOpened(), referred, granted].map((event, index) => decoded(event, index + 1));

    const beforeTheDecision = summariseCase(events.slice(0, 2));
    const now = summariseCase(events);

    expect(beforeTheDecision).toMatchObject({
      caseId: 'case-1',
      status: 'presumed-victim',
      stage: 'referral',
      revision: 2n,
    });
    expect(beforeTheDecision?.tracks.statusDecision?.state).toBe('pending');
    expect(now).toMatchObject({ status: 'victim', revision: 3n, referredToOrganisationId: 'mia' });
    expect(now?.tracks.statusDecision).toMatchObject({ state: 'granted', decisionNumber: '7/2026' });
  });
});
