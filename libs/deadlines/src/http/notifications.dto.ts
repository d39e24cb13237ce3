import { Field } from '@nrm/platform/http';

export class ListNotificationsDto {
  @Field.booleanFilter('unread', 'true: only notifications not yet read.')
  unread?: boolean;

  @Field.page()
  page = 1;

  @Field.pageSize({ defaultSize: 20, max: 100 })
  pageSize = 20;
}
