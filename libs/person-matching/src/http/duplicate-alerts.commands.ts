import { commandController, commandRoute, NoBodyDto } from '@nrm/platform/http';
import { DuplicateAlerts } from '../application/duplicate-alerts';
import { DismissDuplicateAlertDto } from './duplicate-alerts.dto';
import { DUPLICATE_ALERT_RESOLUTIONS_OPENAPI } from './duplicate-alerts.openapi';

/** What both resolutions are: on an open alert, with no If-Match and no ETag (see below). */
const RESOLUTION = {
  ifMatch: false,
  etag: false,
  notFound: 'No such alert',
  conflict: 'The alert was already linked or dismissed',
} as const;

/**
 * Resolving a possible-duplicate alert, for coordinators only. It takes no If-Match (an alert is
 * resolved once: a second try is 409), and its revision is the alert's resolution stream's: no ETag.
 */
export const DuplicateAlertResolutionsController = commandController({
  prefix: 'possible-duplicates',
  roles: ['coordinator'],
  ...DUPLICATE_ALERT_RESOLUTIONS_OPENAPI,
  routes: {
    link: commandRoute({
      name: 'LinkDuplicatePerson',
      path: ':id/link',
      body: NoBodyDto,
      ...RESOLUTION,
      summary: 'Link the cases of an alert as one person',
      execute: ({ id }, context, services) => services(DuplicateAlerts).link(id, context),
    }),
    dismiss: commandRoute({
      name: 'DismissDuplicateAlert',
      path: ':id/dismiss',
      body: DismissDuplicateAlertDto,
      ...RESOLUTION,
      summary: 'Dismiss an alert: not the same person',
      execute: ({ id, body }, context, services) => services(DuplicateAlerts).dismiss(id, body.reason, context),
    }),
  },
});
