import { Module } from '@nestjs/common';
import { DuplicateAlerts } from './application/duplicate-alerts';
import { PERSON_INDEX } from '@nrm/case';
import { PersonBlindIndex } from './application/person-blind-index';
import { DuplicateAlertResolutionsController } from './http/duplicate-alerts.commands';
import { DuplicateAlertsController } from './http/duplicate-alerts.controller';

/**
 * Duplicate-person alerts: the blind index written when a case is opened (and erased with it), the
 * coordinators' alerts and their resolution. The case's opening and erasure use it through the case's port, PERSON_INDEX.
 */
@Module({
  controllers: [DuplicateAlertsController, DuplicateAlertResolutionsController],
  providers: [PersonBlindIndex, DuplicateAlerts, { provide: PERSON_INDEX, useExisting: PersonBlindIndex }],
  exports: [PersonBlindIndex, PERSON_INDEX],
})
export class PersonMatchingModule {}
