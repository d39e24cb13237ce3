/** A notification for everyone holding a role, across organisations (e.g. coordinators). */
export interface RoleNotificationKind {
  role: string;
  /** A kind the notifications table allows (its kind check). */
  kind: string;
  /** With the subject, what makes it unique: it is sent at most once per subject and step. */
  step: string;
}

/**
 * The statement (or the last part of one, after a WITH) that puts a notification of `kind` in the
 * role's inbox for each row `select` returns, naming its columns id, subject_id (what it is about:
 * the inbox's deadlineId), case_id, message (a readable sentence without personal data) and
 * created_at. Run through the caller's SQL, it commits with the caller's transaction, and can be
 * part of the statement whose rows decide whether to notify at all. A second one for the same
 * subject and step is ignored.
 */
export function notifyRoleFrom({ role, kind, step }: RoleNotificationKind, select: string): string {
  return `INSERT INTO notifications (notification_id, recipient_organisation_id, recipient_role, kind, deadline_id,
                              deadline_version, step, case_id, message, created_at)
     SELECT notification.id, NULL, ${literal(role)}, ${literal(kind)}, notification.subject_id,
            0, ${literal(step)}, notification.case_id, notification.message, notification.created_at
       FROM (${select}) AS notification
     ON CONFLICT DO NOTHING`;
}

/** The kinds, roles and steps are the code's own words: only letters, digits and dashes. */
function literal(word: string): string {
  if (!/^[a-z0-9-]+$/i.test(word)) throw new Error(`not a notification word: ${word}`);
  return `'${word}'`;
}
