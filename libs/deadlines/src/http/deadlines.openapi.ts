import type { EndpointDescriptions } from '@nrm/platform/http';
import type { DeadlinesController } from './deadlines.controller';
import type { NotificationsController } from './notifications.controller';

/** The long OpenAPI description of the deadline board (deadlines.controller.ts). */
export const DEADLINES_OPENAPI = {
  list:
    'Sorted by due time, paginated; filters by kind, responsible organisation, due window, status and ' +
    'overdue. Scoped like cases: coordinators and the competent authority see all; first responders and ' +
    'case workers the deadlines of the cases they see (owned by or referred to their organisation); ' +
    'and every caller the shelter deadlines (shelter-answer, shelter-stay) their organisation is ' +
    "responsible for as a shelter's operator: shelter staff see only these. Status: open (overdue when " +
    'past due; a missed deadline stays open and is escalated once), met (`late: true` when met after it fell ' +
    'due, with `metAt`), expired (a reflection period that ran out) or cancelled (`closedReason`: case-closed, ' +
    'or consent-withdrawn before the referral).',
} satisfies EndpointDescriptions<DeadlinesController>;

/** The long OpenAPI descriptions of the inbox (notifications.controller.ts), by method. */
export const NOTIFICATIONS_OPENAPI = {
  list:
    "Notifications for the caller's organisation and for the caller's roles (coordinators receive the " +
    'escalations of missed deadlines, consent withdrawn after referral and possible duplicate persons ' +
    '(kind `possible-duplicate`, see GET /possible-duplicates); the competent authority a consent ' +
    "withdrawn for a case referred to it; the supervisors of a case's organisation and the coordinators an " +
    'approval requested; the requester alone its outcome, approval-granted or approval-rejected); newest ' +
    'first, paginated; `unread=true` for unread ones only. ' +
    "Reading is per person: `read`, `readAt` and `readBy` are the caller's, and `unread` counts the " +
    "caller's unread notifications (for a badge), whatever the filter and page.",
  read:
    "Only a notification of the caller's inbox; marks it read for the caller alone (the other members of " +
    'the organisation or role still see it unread); marking it again changes nothing (idempotent).',
} satisfies EndpointDescriptions<NotificationsController>;
