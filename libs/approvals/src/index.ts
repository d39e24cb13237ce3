export * from './approvals.module';
export * from './application/approval-event-types';
export * from './application/approval-gate';
export * from './read-models/approvals.read-model';
export { ApprovalEntity } from './read-models/approval.entity';
export { APPROVALS_PROJECTION, ApprovalsProjection } from './read-models/approvals.projection';
