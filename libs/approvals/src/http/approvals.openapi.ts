import type { EndpointDescriptions } from '@nrm/platform/http';
import type { ApprovalsController } from './approvals.controller';

/** The long OpenAPI descriptions of the approvals list and one approval (approvals.controller.ts). */
export const APPROVALS_OPENAPI = {
  list:
    'Coordinators see every approval; supervisors those of the cases their organisation is responsible ' +
    'for; anyone the approvals they asked for. Sorted by due time (APPROVAL_DEADLINE_HOURS after the ' +
    'request); `overdue` when a pending one is past it. Filters: status (pending, granted, rejected), caseId.',
  get: 'Visible as in the list; another approval is 404.',
} satisfies EndpointDescriptions<ApprovalsController>;

/** The OpenAPI prose of the decisions on an approval (approval-decisions.commands.ts). */
export const APPROVAL_DECISIONS_OPENAPI = {
  name: 'ApprovalsController',
  tag: 'approvals',
  response: {
    description: "The case's new revision and the global position (for minPosition on reads)",
    example: { approvalId: '3f0c…', status: 'granted', caseId: '7a1c…', revision: 6, position: '90' },
  },
  descriptions: {
    approve:
      'A supervisor of the organisation responsible for the case, or a coordinator (others: 403, or 404 ' +
      'when the approval is not theirs to see). The command runs through its own rules again: when they no ' +
      'longer hold (e.g. the case was closed meanwhile) its refusal is answered (409/422) and the approval ' +
      "stays pending (reject it). Otherwise ApprovalGranted and the command's events are appended together, " +
      'and the requester is told in their inbox. A decided approval is 409 approval-not-pending. If-Match: the ' +
      "case's ETag.",
    reject:
      'Same approvers as approve. The reason is required (400 when missing or blank) and is personal data. ' +
      'A decided approval is 409 approval-not-pending.',
  },
};
