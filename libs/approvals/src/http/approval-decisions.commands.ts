import { commandController, commandRoute, NoBodyDto } from '@nrm/platform/http';
import { ApprovalGate } from '../application/approval-gate';
import { RejectApprovalDto } from './approvals.dto';
import { APPROVAL_DECISIONS_OPENAPI } from './approvals.openapi';

/**
 * Deciding an approval (README "Supervisor approvals"). Its answer is the case's revision, while the
 * path names the approval, so no ETag.
 */
export const ApprovalDecisionsController = commandController({
  prefix: 'approvals',
  roles: ['supervisor', 'coordinator'],
  ...APPROVAL_DECISIONS_OPENAPI,
  routes: {
    approve: commandRoute({
      name: 'GrantApproval',
      path: ':id/approve',
      body: NoBodyDto,
      etag: false,
      summary: 'Approve: the command is executed now, on the case as it is now',
      execute: ({ id }, context, services) => services(ApprovalGate).grant(id, context),
    }),
    reject: commandRoute({
      name: 'RejectApproval',
      path: ':id/reject',
      body: RejectApprovalDto,
      etag: false,
      summary: 'Reject with a reason: nothing else changes; the requester is told, and may ask again',
      execute: ({ id, body }, context, services) => services(ApprovalGate).reject(id, body.reason, context),
    }),
  },
});
