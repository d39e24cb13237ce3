import { Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CurrentActor, CLOCK } from '@nrm/platform';
import { ApiController, Endpoint } from '@nrm/platform/http';
import type { Actor, Clock } from '@nrm/shared-kernel';
import { NotificationInbox, type NotificationPage, type NotificationView } from '../notifications/notification-inbox';
import { NOTIFICATIONS_OPENAPI } from './deadlines.openapi';
import { ListNotificationsDto } from './notifications.dto';

/** The notification inbox: reminders before deadlines, escalations when they were missed. */
@ApiController('notifications', 'notifications')
export class NotificationsController {
  constructor(
    private readonly inbox: NotificationInbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Endpoint({
    summary: "The caller's inbox",
    description: NOTIFICATIONS_OPENAPI.list,
    ok: { description: '{ items, page, pageSize, total, unread }' },
  })
  list(@Query() query: ListNotificationsDto, @CurrentActor() actor: Actor): Promise<NotificationPage> {
    return this.inbox.list(actor, { unread: query.unread, page: query.page, pageSize: query.pageSize });
  }

  @Post(':id/read')
  @HttpCode(200)
  @Endpoint({
    summary: 'Mark a notification read',
    description: NOTIFICATIONS_OPENAPI.read,
    ok: { description: 'The notification, with `read: true` and when the caller read it' },
    notFound: "No such notification in the caller's inbox",
  })
  read(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor): Promise<NotificationView> {
    return this.inbox.markRead(id, actor, this.clock.now());
  }
}
