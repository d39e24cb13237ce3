/** The deadlines of DESIGN §3, each started by an event and satisfied by another. */
export const DEADLINE_KINDS = [
  'hand-over',
  'status-decision',
  'child-protection-notice',
  'reflection-period',
  'shelter-answer',
  'shelter-stay',
  'reintegration-review',
  // A supervisor's approval pending (libs/approvals): due APPROVAL_DEADLINE_HOURS after the request.
  'approval',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
