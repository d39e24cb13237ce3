import { Field, Paged } from '@nrm/platform/http';

class NotificationListFilters {
  @Field.booleanFilter('unread', 'true: only notifications not yet read.')
  unread?: boolean;
}

export class ListNotificationsDto extends Paged(NotificationListFilters) {}
