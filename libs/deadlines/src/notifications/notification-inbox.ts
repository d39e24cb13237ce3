import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Actor } from '@nrm/shared-kernel';
import { type Repository, type SelectQueryBuilder } from 'typeorm';
import { NotificationEntity } from './notification.entity';

export interface NotificationView {
  id: string;
  kind: string;
  step: string;
  deadlineId: string;
  deadlineVersion: number;
  caseId: string;
  message: string;
  recipientOrganisationId: string | null;
  recipientRole: string | null;
  createdAt: string;
  readAt: string | null;
  readBy: string | null;
}

export interface NotificationPage {
  items: NotificationView[];
  page: number;
  pageSize: number;
  total: number;
}

/**
 * The caller's inbox: notifications for the caller's organisation (those naming a role only when
 * the caller holds it), plus those for a role the caller holds across organisations (coordinators
 * get the escalations). Nothing else is visible: another inbox's notification is "not found".
 */
@Injectable()
export class NotificationInbox {
  constructor(@InjectRepository(NotificationEntity) private readonly notifications: Repository<NotificationEntity>) {}

  async list(actor: Actor, options: { unread?: boolean; page: number; pageSize: number }): Promise<NotificationPage> {
    const query = this.visibleTo(this.notifications.createQueryBuilder('n'), actor);
    if (options.unread) query.andWhere('n.read_at IS NULL');
    const [rows, total] = await query
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.notification_id', 'DESC')
      .skip((options.page - 1) * options.pageSize)
      .take(options.pageSize)
      .getManyAndCount();
    return { items: rows.map(toView), page: options.page, pageSize: options.pageSize, total };
  }

  /** Marks one of the caller's notifications read; again is harmless (the first reading stays). */
  async markRead(id: string, actor: Actor, now: Date): Promise<NotificationView> {
    const visible = await this.visibleTo(this.notifications.createQueryBuilder('n'), actor)
      .andWhere('n.notification_id = :id', { id })
      .getOne();
    if (!visible) throw new NotFoundException(`Notification ${id} not found`);
    if (visible.readAt === null) {
      await this.notifications
        .createQueryBuilder()
        .update()
        .set({ readAt: now, readBy: actor.userId })
        .where('notification_id = :id AND read_at IS NULL', { id })
        .execute();
    }
    const read = await this.notifications.findOneByOrFail({ id });
    return toView(read);
  }

  private visibleTo(
    query: SelectQueryBuilder<NotificationEntity>,
    actor: Actor,
  ): SelectQueryBuilder<NotificationEntity> {
    const roles = [...actor.roles];
    return query.where(
      `((n.recipient_organisation_id = :org AND (n.recipient_role IS NULL OR n.recipient_role = ANY(:roles)))
        OR (n.recipient_organisation_id IS NULL AND n.recipient_role = ANY(:roles)))`,
      { org: actor.organisationId, roles },
    );
  }
}

function toView(row: NotificationEntity): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    step: row.step,
    deadlineId: row.deadlineId,
    deadlineVersion: row.deadlineVersion,
    caseId: row.caseId,
    message: row.message,
    recipientOrganisationId: row.recipientOrganisationId,
    recipientRole: row.recipientRole,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
    readBy: row.readBy,
  };
}
