import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseModule } from '@nrm/case';
import { ListDeadlinesHandler } from './application/deadline-queries';
import { DeadlinesController } from './http/deadlines.controller';
import { NotificationsController } from './http/notifications.controller';
import { NotificationInbox } from './notifications/notification-inbox';
import { NotificationEntity, NotificationReadEntity } from './notifications/notification.entity';
import { DeadlineEntity } from './read-models/deadline.entity';

/** Deadlines on the HTTP side: the deadline board and the notification inbox. */
@Module({
  imports: [
    CqrsModule,
    CaseModule,
    TypeOrmModule.forFeature([NotificationEntity, NotificationReadEntity, DeadlineEntity]),
  ],
  controllers: [DeadlinesController, NotificationsController],
  providers: [NotificationInbox, ListDeadlinesHandler],
})
export class DeadlinesModule {}
