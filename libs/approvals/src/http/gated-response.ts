import type { Response } from 'express';
import { isApprovalRequest } from '../application/approval-gate';

/**
 * A gated command's answer: executed (as the endpoint always answered), or recorded for approval:
 * 202 Accepted, Location of the approval. Decided from the result, so a repeat with the same
 * Idempotency-Key answers alike.
 */
export function answerGated<Result extends object>(result: Result, response: Response): Result {
  if (isApprovalRequest(result)) {
    response.status(202);
    response.setHeader('Location', `/approvals/${result.approvalId}`);
  }
  return result;
}

/** The OpenAPI description of the 202 of a gated command. */
export const APPROVAL_REQUESTED_RESPONSE = {
  status: 202,
  description:
    "The command needs a supervisor's approval (APPROVAL_REQUIRED_COMMANDS) and the caller may not act alone: " +
    'an approval request was recorded (Location: /approvals/{approvalId}); nothing else changed yet.',
  schema: { example: { caseId: '7a1c…', revision: 5, position: '88', approvalId: '3f0c…', status: 'pending' } },
};
