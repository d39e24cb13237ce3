import type { CaseTransferred } from '@nrm/case/domain';
import type { DecodedEvent } from '@nrm/event-store';
import type { Projection } from '@nrm/projections';
import type { EntityManager } from 'typeorm';
import type { ApprovalGranted, ApprovalRejected, ApprovalRequested } from '../domain/approval.events';

export const APPROVALS_PROJECTION = 'approvals';

const HANDLED = new Set([
  'ApprovalRequested',
  'ApprovalGranted',
  'ApprovalRejected',
  'CaseTransferred',
  'PersonalDataErased',
]);

/**
 * The approvals list (GET /approvals). Idempotent: a request is an insert that keeps an existing row,
 * every other change needs a newer event (updated_position). A transfer hands the case's pending
 * approvals to the receiver; an erasure empties the personal columns (a replay reads them erased).
 */
export class ApprovalsProjection implements Projection {
  readonly name = APPROVALS_PROJECTION;
  readonly tables = ['approvals'];

  handles(eventType: string): boolean {
    return HANDLED.has(eventType);
  }

  async apply(events: readonly DecodedEvent[], manager: EntityManager): Promise<void> {
    for (const event of events) {
      const at = event.globalPosition.toString();
      switch (event.type) {
        case 'ApprovalRequested': {
          const data = event.data as unknown as ApprovalRequested['data'];
          await manager.query(
            `INSERT INTO approvals (approval_id, case_id, case_number, command_type, status, command,
               approver_organisation_id, requested_by_user_id, requested_by_name, requested_by_organisation_id,
               requested_at, due_at, personal_data_erased, updated_position)
             VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $8, $9, $10, $11, $12, $13)
             ON CONFLICT (approval_id) DO NOTHING`,
            [
              data.approvalId,
              data.caseId,
              data.caseNumber,
              data.commandType,
              data.command === undefined ? null : JSON.stringify(data.command),
              data.approverOrganisationId,
              data.requestedBy.userId,
              data.requestedBy.name,
              data.requestedBy.organisationId,
              data.requestedAt,
              data.dueAt,
              event.personalDataErased,
              at,
            ],
          );
          break;
        }
        case 'ApprovalGranted':
        case 'ApprovalRejected': {
          const granted = event.type === 'ApprovalGranted';
          const data = event.data as unknown as (ApprovalGranted | ApprovalRejected)['data'];
          const decidedAt = granted
            ? (data as ApprovalGranted['data']).grantedAt
            : (data as ApprovalRejected['data']).rejectedAt;
          const reason = granted ? null : ((data as ApprovalRejected['data']).reason ?? null);
          await manager.query(
            `UPDATE approvals SET status = $2, decided_at = $3, decided_by_user_id = $4, decided_by_name = $5,
               rejection_reason = $6, updated_position = $7
             WHERE approval_id = $1 AND updated_position < $7`,
            [
              data.approvalId,
              granted ? 'granted' : 'rejected',
              decidedAt,
              event.metadata.actorId,
              event.metadata.actorName,
              reason,
              at,
            ],
          );
          break;
        }
        case 'CaseTransferred': {
          const data = event.data as unknown as CaseTransferred['data'];
          await manager.query(
            `UPDATE approvals SET approver_organisation_id = $2, updated_position = $3
             WHERE case_id = $1 AND status = 'pending' AND updated_position < $3`,
            [data.caseId, data.toOrganisationId, at],
          );
          break;
        }
        case 'PersonalDataErased':
          await manager.query(
            `UPDATE approvals SET command = NULL, rejection_reason = NULL, personal_data_erased = true
             WHERE case_id = $1`,
            [String((event.data as { caseId: string }).caseId)],
          );
          break;
      }
    }
  }
}
