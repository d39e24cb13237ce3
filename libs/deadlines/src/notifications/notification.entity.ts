import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One notification in an inbox (table `notifications`): a reminder to the responsible organisation
 * before a deadline, an escalation to a role (coordinators) when it was missed (both written by the
 * deadline jobs), or a consent withdrawn after referral (written by the deadline board). At most
 * once per (deadline, version, step) — the `notifications_once` constraint.
 */
@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryColumn('uuid', { name: 'notification_id' }) id!: string;
  /** The organisation it is for (reminders); null when it goes to a role across organisations. */
  @Column('text', { name: 'recipient_organisation_id', nullable: true }) recipientOrganisationId!: string | null;
  /** The role it is for (escalations: coordinator); null for anyone of the organisation. */
  @Column('text', { name: 'recipient_role', nullable: true }) recipientRole!: string | null;
  /** One person's (an approval's requester); null when it goes to an organisation or a role. */
  @Column('text', { name: 'recipient_user_id', nullable: true }) recipientUserId!: string | null;
  /** reminder | escalation | consent-withdrawn | approval-requested | approval-granted | approval-rejected */
  @Column('text') kind!: string;
  @Column('text', { name: 'deadline_id' }) deadlineId!: string;
  @Column('integer', { name: 'deadline_version' }) deadlineVersion!: number;
  /** The deadline step that made it: 'remind-72h', 'remind-24h', 'due'. */
  @Column('text') step!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  /** A readable sentence without personal data. */
  @Column('text') message!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

/** Who has read which notification (table `notification_reads`): reading is per person. */
@Entity({ name: 'notification_reads' })
export class NotificationReadEntity {
  @PrimaryColumn('uuid', { name: 'notification_id' }) notificationId!: string;
  @PrimaryColumn('text', { name: 'user_id' }) userId!: string;
  @Column('timestamptz', { name: 'read_at' }) readAt!: Date;
}
