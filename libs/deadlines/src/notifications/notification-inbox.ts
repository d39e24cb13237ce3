import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type Actor, NotFoundError } from '@nrm/shared-kernel';
import { type Repository, type SelectQueryBuilder } from 'typeorm';
import { NotificationEntity, NotificationReadEntity } from './notification.entity';

export interface NotificationView {
  id: string;
  /** reminder | escalation | consent-withdrawn | approval-requested | approval-granted | approval-rejected */
  kind: string;
  step: string;
  deadlineId: string;
  deadlineVersion: number;
  caseId: string;
  message: string;
  recipientOrganisationId: string | null;
  recipientRole: string | null;
  createdAt: string;
  /** Whether the caller has read it (reading is per person). */
  read: boolean;
  /** When the caller read it; null while unread for the caller. */
  readAt: string | null;
  /** The caller's user id once the caller has read it; null while unread for the caller. */
  readBy: string | null;
}

export interface NotificationPage {
  items: NotificationView[];
  page: number;
  pageSize: number;
  total: number;
  /** How many notifications of the caller's inbox the caller has not read (whatever the filter and page). */
  unread: number;
}

/** A notification as read from the database, with the caller's reading joined. */
type NotificationRow = Omit<NotificationView, 'createdAt' | 'read' | 'readAt' | 'readBy'> & {
  createdAt: Date;
  readAt: Date | null;
};

/**
 * The caller's inbox: notifications for the caller's organisation (those naming a role only when
 * the caller holds it), plus those for a role the caller holds across organisations (coordinators
 * get the escalations), plus those for the caller alone (an approval's outcome, to its requester). Nothing else is visible: another inbox's notification is "not found".
 * Reading is per person (`notification_reads`): one coordinator reading an escalation leaves it
 * unread for every other coordinator.
 */
@Injectable()
export class NotificationInbox {
  constructor(
    @InjectRepository(NotificationEntity) private readonly notifications: Repository<NotificationEntity>,
    @InjectRepository(NotificationReadEntity) private readonly reads: Repository<NotificationReadEntity>,
  ) {}

  async list(actor: Actor, options: { unread?: boolean; page: number; pageSize: number }): Promise<NotificationPage> {
    const query = this.inboxOf(actor);
    if (options.unread) query.andWhere('r.read_at IS NULL');
    const [total, unread, rows] = await Promise.all([
      query.clone().getCount(),
      this.inboxOf(actor).andWhere('r.read_at IS NULL').getCount(),
      query
        .orderBy('n.created_at', 'DESC')
        .addOrderBy('n.notification_id', 'DESC')
        .offset((options.page - 1) * options.pageSize)
        .limit(options.pageSize)
        .getRawMany<NotificationRow>(),
    ]);
    return {
      items: rows.map((row) => toView(row, actor)),
      page: options.page,
      pageSize: options.pageSize,
      total,
      unread,
    };
  }

  /** Marks one of the caller's notifications read for the caller; again is harmless (the first reading stays). */
  async markRead(id: string, actor: Actor, now: Date): Promise<NotificationView> {
    const visible = await this.inboxOf(actor).andWhere('n.notification_id = :id', { id }).getRawOne<NotificationRow>();
    if (!visible) throw new NotFoundError(`Notification ${id} not found`);
    if (visible.readAt === null) {
      await this.reads
        .createQueryBuilder()
        .insert()
        .values({ notificationId: id, userId: actor.userId, readAt: now })
        .orIgnore()
        .execute();
    }
    const read = await this.inboxOf(actor).andWhere('n.notification_id = :id', { id }).getRawOne<NotificationRow>();
    return toView(read!, actor);
  }

  /** The caller's inbox, each notification with the caller's own reading (if any). */
  private inboxOf(actor: Actor): SelectQueryBuilder<NotificationEntity> {
    return this.notifications
      .createQueryBuilder('n')
      .leftJoin(NotificationReadEntity, 'r', 'r.notification_id = n.notification_id AND r.user_id = :userId', {
        userId: actor.userId,
      })
      .select([
        'n.notification_id AS "id"',
        'n.kind AS "kind"',
        'n.step AS "step"',
        'n.deadline_id AS "deadlineId"',
        'n.deadline_version AS "deadlineVersion"',
        'n.case_id AS "caseId"',
        'n.message AS "message"',
        'n.recipient_organisation_id AS "recipientOrganisationId"',
        'n.recipient_role AS "recipientRole"',
        'n.created_at AS "createdAt"',
        'r.read_at AS "readAt"',
      ])
      .where(
        `((n.recipient_organisation_id = :org AND (n.recipient_role IS NULL OR n.recipient_role = ANY(:roles)))
          OR (n.recipient_organisation_id IS NULL AND n.recipient_role = ANY(:roles))
          OR n.recipient_user_id = :userId)`,
        { org: actor.organisationId, roles: [...actor.roles], userId: actor.userId },
      );
  }
}

function toView(row: NotificationRow, reader: Actor): NotificationView {
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
    read: row.readAt !== null,
    readAt: row.readAt ? row.readAt.toISOString() : null,
    readBy: row.readAt ? reader.userId : null,
  };
}
