import type { SqlQuery } from '@nrm/platform';

/** A notification for everyone holding a role, across organisations (e.g. coordinators). */
export interface RoleNotification {
  id: string;
  role: string;
  /** A kind the notifications table allows (its kind check). */
  kind: string;
  /** What it is about (the inbox's deadlineId): with `step`, it is sent at most once. */
  subjectId: string;
  step: string;
  caseId: string;
  /** A readable sentence without personal data. */
  message: string;
  createdAt: Date;
}

/**
 * Puts a notification in a role's inbox through the caller's SQL (so it commits with the caller's
 * transaction); a second one for the same subject and step is ignored.
 */
export async function notifyRole(sql: SqlQuery, notification: RoleNotification): Promise<void> {
  await sql(
    `INSERT INTO notifications (notification_id, recipient_organisation_id, recipient_role, kind, deadline_id,
                                deadline_version, step, case_id, message, created_at)
     VALUES ($1, NULL, $2, $3, $4, 0, $5, $6, $7, $8)
     ON CONFLICT DO NOTHING`,
    [
      notification.id,
      notification.role,
      notification.kind,
      notification.subjectId,
      notification.step,
      notification.caseId,
      notification.message,
      notification.createdAt,
    ],
  );
}
