import { Get, Query } from '@nestjs/common';
import { AllowRoles } from '@nrm/platform';
import { ApiController, Endpoint } from '@nrm/platform/http';
import { type DuplicateAlertPage, DuplicateAlerts } from '../application/duplicate-alerts';
import { ListDuplicateAlertsDto } from './duplicate-alerts.dto';
import { DUPLICATE_ALERT_PAGE, DUPLICATE_ALERTS_OPENAPI } from './duplicate-alerts.openapi';

/**
 * Possible duplicate persons, for coordinators only: nobody else learns that a match was found. Their
 * resolution is in duplicate-alerts.commands.ts.
 */
@ApiController('possible-duplicates', 'possible-duplicates')
@AllowRoles('coordinator')
export class DuplicateAlertsController {
  constructor(private readonly alerts: DuplicateAlerts) {}

  @Get()
  @Endpoint({
    summary: 'Possible duplicate persons (coordinators)',
    description: DUPLICATE_ALERTS_OPENAPI.list,
    ok: DUPLICATE_ALERT_PAGE,
    forbidden: 'Any role but coordinator',
  })
  list(@Query() { status, page, pageSize }: ListDuplicateAlertsDto): Promise<DuplicateAlertPage> {
    return this.alerts.list({ status, page, pageSize });
  }
}
