import { BooleanParam, PageParam, PageSizeParam } from '@nrm/platform/http';

export class ListNotificationsDto {
  @BooleanParam('unread', 'true: only notifications not yet read.')
  unread?: boolean;

  @PageParam()
  page = 1;

  @PageSizeParam({ defaultSize: 20, max: 100 })
  pageSize = 20;
}
