import type { EventTypeDefinition } from '@nrm/event-store';
import type { ApprovalEvent } from '../domain/approval.events';

/**
 * How the approvals' events are stored. The requested command may hold free text about the person
 * (a closure's note, a plan's goals) and a rejection's reason may too: personal data, encrypted under
 * the person's key, gone with an erasure. Who asked and who decided are staff, not the person.
 */
export const APPROVAL_EVENT_TYPES: Record<ApprovalEvent['type'], EventTypeDefinition> = {
  ApprovalRequested: { schemaVersion: 1, personalFields: ['command'], subjectField: 'personId' },
  ApprovalGranted: { schemaVersion: 1, personalFields: [] },
  ApprovalRejected: { schemaVersion: 1, personalFields: ['reason'], subjectField: 'personId' },
};
