import { Module } from '@nestjs/common';
import { DuplicateAlerts } from './application/duplicate-alerts';
import { PersonBlindIndex } from './application/person-blind-index';
import { DuplicateAlertsController } from './http/duplicate-alerts.controller';

/**
 * Duplicate-person alerts: the blind index written when a case is opened (and erased with it), the
 * coordinators' alerts and their resolution. Identification and the erasure use PersonBlindIndex.
 */
@Module({
  controllers: [DuplicateAlertsController],
  providers: [PersonBlindIndex, DuplicateAlerts],
  exports: [PersonBlindIndex],
})
export class PersonMatchingModule {}
