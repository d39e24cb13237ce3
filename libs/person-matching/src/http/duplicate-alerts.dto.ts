import { Field, Paged } from '@nrm/platform/http';
import type { DuplicateAlertStatus } from '../application/duplicate-alerts';

const STATUSES: readonly DuplicateAlertStatus[] = ['open', 'linked', 'dismissed'];

class DuplicateAlertListFilters {
  @Field.oneOf(STATUSES, {
    optional: true,
    description: 'Only alerts in this state; all without it.',
    message: 'status must be open, linked or dismissed',
  })
  status?: DuplicateAlertStatus;
}

export class ListDuplicateAlertsDto extends Paged(DuplicateAlertListFilters) {}

export class DismissDuplicateAlertDto {
  @Field.writtenReason({
    example: 'Different dates of birth in the passports seen by both agencies.',
    description: 'Why the cases are not the same person. Kept as personal data of the alerted case (erased with it).',
  })
  reason!: string;
}
