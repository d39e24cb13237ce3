import { Inject, Injectable } from '@nestjs/common';
import { StreamCommands, WRITE_SQL, type SqlQuery } from '@nrm/platform';
import { type Actor, NotFoundError } from '@nrm/shared-kernel';
import { DataSource } from 'typeorm';
import { duplicateAlertDecider, type DuplicateAlertCommand } from '../domain/duplicate-alert.decider';
import { duplicateAlertStreamName } from '../domain/duplicate-alert-stream';
import type { MatchedCase } from './person-blind-index';

export type DuplicateAlertStatus = 'open' | 'linked' | 'dismissed';

/** A case as an alert names it: what a coordinator sees of any case anyway. */
export interface AlertedCase {
  caseId: string;
  caseNumber: string;
}

export interface DuplicateAlertView {
  alertId: string;
  status: DuplicateAlertStatus;
  detectedAt: string;
  /** The case whose opening raised the alert. */
  case: AlertedCase;
  /** The earlier cases whose person may be the same (most recent first). */
  matchedCases: AlertedCase[];
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export interface DuplicateAlertPage {
  items: DuplicateAlertView[];
  page: number;
  pageSize: number;
  total: number;
}

export interface DuplicateAlertResult {
  alertId: string;
  status: DuplicateAlertStatus;
  /** The revision of the alert's resolution stream (also the ETag). */
  revision: number;
  /** Global position of the resolution event: minPosition for GET /statistics. */
  position: string;
}

interface AlertRow {
  alertId: string;
  status: DuplicateAlertStatus;
  detectedAt: Date;
  caseId: string;
  caseNumber: string;
  personId: string;
  matchedCases: MatchedCase[];
  resolvedAt: Date | null;
  resolvedBy: string | null;
}

const ALERT_COLUMNS = `alert_id AS "alertId", status, detected_at AS "detectedAt", case_id AS "caseId",
  case_number AS "caseNumber", person_id AS "personId", matched_cases AS "matchedCases",
  resolved_at AS "resolvedAt", resolved_by AS "resolvedBy"`;

/**
 * Coordinators' possible-duplicate alerts: the list, and their resolution (link as one person, or
 * dismiss), decided on the alert's stream and mirrored in its row, in one unit of work.
 */
@Injectable()
export class DuplicateAlerts {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(WRITE_SQL) private readonly sql: SqlQuery,
    private readonly streams: StreamCommands,
  ) {}

  async list(options: { status?: DuplicateAlertStatus; page: number; pageSize: number }): Promise<DuplicateAlertPage> {
    const where = options.status ? 'WHERE status = $1' : '';
    const parameters = options.status ? [options.status] : [];
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM possible_duplicates ${where}`,
      parameters,
    )) as [{ total: number }];
    const rows = (await this.dataSource.query(
      `SELECT ${ALERT_COLUMNS} FROM possible_duplicates ${where}
        ORDER BY detected_at DESC, alert_id
        OFFSET ${(options.page - 1) * options.pageSize} LIMIT ${options.pageSize}`,
      parameters,
    )) as AlertRow[];
    return { items: rows.map(toView), page: options.page, pageSize: options.pageSize, total };
  }

  link(alertId: string, context: { actor: Actor; correlationId: string }): Promise<DuplicateAlertResult> {
    return this.resolve(alertId, context, 'linked', (alert, now) => ({
      type: 'LinkDuplicatePerson',
      alert: {
        alertId,
        cases: [alert, ...alert.matchedCases].map(({ caseId, personId }) => ({ caseId, personId })),
      },
      actor: context.actor,
      now,
    }));
  }

  dismiss(
    alertId: string,
    reason: string,
    context: { actor: Actor; correlationId: string },
  ): Promise<DuplicateAlertResult> {
    return this.resolve(alertId, context, 'dismissed', (alert, now) => ({
      type: 'DismissDuplicateAlert',
      alertId,
      caseId: alert.caseId,
      reason,
      actor: context.actor,
      now,
    }));
  }

  private async resolve(
    alertId: string,
    context: { actor: Actor; correlationId: string },
    status: 'linked' | 'dismissed',
    command: (alert: AlertRow, now: Date) => DuplicateAlertCommand,
  ): Promise<DuplicateAlertResult> {
    const [alert] = (await this.sql(`SELECT ${ALERT_COLUMNS} FROM possible_duplicates WHERE alert_id = $1`, [
      alertId,
    ])) as unknown as AlertRow[];
    if (!alert) throw new NotFoundError(`Possible-duplicate alert ${alertId} not found`);
    const result = await this.streams.run(
      duplicateAlertDecider,
      duplicateAlertStreamName(alertId),
      (_state, now) => command(alert, now),
      context,
    );
    await this.sql(
      `UPDATE possible_duplicates SET status = $2, resolved_at = $3, resolved_by = $4
        WHERE alert_id = $1 AND status = 'open'`,
      [alertId, status, result.decidedAt, context.actor.userId],
    );
    return {
      alertId,
      status,
      revision: Number(result.revision),
      position: String(result.lastGlobalPosition),
    };
  }
}

function toView(row: AlertRow): DuplicateAlertView {
  return {
    alertId: row.alertId,
    status: row.status,
    detectedAt: row.detectedAt.toISOString(),
    case: { caseId: row.caseId, caseNumber: row.caseNumber },
    matchedCases: row.matchedCases.map(({ caseId, caseNumber }) => ({ caseId, caseNumber })),
    resolvedAt: row.resolvedAt ? row.resolvedAt.toISOString() : null,
    resolvedBy: row.resolvedBy,
  };
}
