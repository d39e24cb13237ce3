import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CLOCK } from '@nrm/platform';
import type { Actor, Clock } from '@nrm/shared-kernel';
import { NotificationInbox, type NotificationPage, type NotificationView } from '../notifications/notification-inbox';
import { ListNotificationsDto } from './notifications.dto';

/** The notification inbox: reminders before deadlines, escalations when they were missed. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly inbox: NotificationInbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary: "The caller's inbox",
    description:
      "Notifications for the caller's organisation and for the caller's roles (coordinators receive the " +
      'escalations of missed deadlines, consent withdrawn after referral and possible duplicate persons ' +
      '(kind `possible-duplicate`, see GET /possible-duplicates); the competent authority a consent ' +
      "withdrawn for a case referred to it; the supervisors of a case's organisation and the coordinators an " +
      'approval requested; the requester alone its outcome, approval-granted or approval-rejected); newest ' +
      'first, paginated; `unread=true` for unread ones only. ' +
      "Reading is per person: `read`, `readAt` and `readBy` are the caller's, and `unread` counts the " +
      "caller's unread notifications (for a badge), whatever the filter and page.",
  })
  @ApiOkResponse({ description: '{ items, page, pageSize, total, unread }' })
  list(@Query() query: ListNotificationsDto, @CurrentActor() actor: Actor): Promise<NotificationPage> {
    return this.inbox.list(actor, { unread: query.unread, page: query.page, pageSize: query.pageSize });
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark a notification read',
    description:
      "Only a notification of the caller's inbox; marks it read for the caller alone (the other members of " +
      'the organisation or role still see it unread); marking it again changes nothing (idempotent).',
  })
  @ApiOkResponse({ description: 'The notification, with `read: true` and when the caller read it' })
  @ApiNotFoundResponse({ description: "No such notification in the caller's inbox" })
  read(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor): Promise<NotificationView> {
    return this.inbox.markRead(id, actor, this.clock.now());
  }
}
