import { randomUUID } from 'node:crypto';
import type { DecodedEvent } from '@nrm/event-store';
import type { Projection } from '@nrm/projections';
import type { EntityManager } from 'typeorm';
import {
  type ConsentContext,
  DEADLINE_EVENT_TYPES,
  type DeadlineChange,
  type DeadlineLookups,
  type DeadlineSettings,
  type DeadlineTarget,
  deadlineChangesOf,
  deadlineId,
  lookupNeededBy,
} from '../domain/deadline-rules';

export const DEADLINES_PROJECTION = 'deadlines';

/** A deadline to open, and the position of the event that opens it. */
interface Opening {
  deadline: Extract<DeadlineChange, { type: 'open' }>['deadline'];
  position: bigint;
}

/** Each open takes this many parameters; PostgreSQL takes at most 65,535 in one statement. */
const OPEN_PARAMETERS = 8;
const OPENS_PER_STATEMENT = 1_000;

export interface DeadlineProjectionHooks {
  /** Called after a batch that opened, moved or closed these deadlines was committed. */
  deadlinesChanged?: (deadlineIds: readonly string[]) => Promise<void>;
}

/**
 * The deadline board, fed by case and shelter events (rules: domain/deadline-rules.ts). What the
 * jobs did (steps fired, escalations) is theirs, in `deadline_job_steps`, which a rebuild keeps. Idempotent:
 * an open is an insert that keeps an existing row, a move needs a newer event and another due
 * time, and a close only closes an open deadline, so a replayed event changes nothing. Every
 * change records the event's global position in `updated_position`.
 */
export class DeadlinesProjection implements Projection {
  readonly name = DEADLINES_PROJECTION;
  readonly tables = ['deadlines'];
  /** Deadlines the last applied batch changed, handed to the hooks once it is committed. */
  private touched = new Set<string>();

  constructor(
    private readonly settings: DeadlineSettings,
    private readonly hooks: DeadlineProjectionHooks = {},
  ) {}

  handles(eventType: string): boolean {
    return DEADLINE_EVENT_TYPES.has(eventType);
  }

  async apply(events: readonly DecodedEvent[], manager: EntityManager): Promise<void> {
    // A batch whose transaction failed is applied again from scratch: forget what it touched.
    this.touched = new Set();
    // Opens wait to be written together (a statement each was the worker's most frequent one under
    // load); written before anything reads or changes this projection's rows, so order holds.
    const opening: Opening[] = [];
    const open = async () => {
      for (const id of await this.open(opening.splice(0), manager)) this.touched.add(id);
    };
    for (const event of events) {
      if (lookupNeededBy(event) !== null) await open();
      const lookups = await this.lookUp(event, manager);
      for (const change of deadlineChangesOf(event, this.settings, lookups)) {
        if (change.type === 'open') {
          opening.push({ deadline: change.deadline, position: event.globalPosition });
          continue;
        }
        await open();
        const ids = await this.write(change, event.globalPosition, manager);
        for (const id of ids) this.touched.add(id);
      }
    }
    await open();
  }

  async afterCommit(): Promise<void> {
    const ids = [...this.touched];
    this.touched = new Set();
    if (ids.length === 0 || !this.hooks.deadlinesChanged) return;
    try {
      await this.hooks.deadlinesChanged(ids);
    } catch {
      // Must not throw: the reconciler re-creates any job missed here from the deadlines table.
    }
  }

  private async lookUp(event: DecodedEvent, manager: EntityManager): Promise<DeadlineLookups> {
    const data = event.data as { caseId?: string; shelterId?: string };
    switch (lookupNeededBy(event)) {
      case 'caseOrganisationId': {
        // The case summary is another projection's: when it lags, the case's opening organisation
        // (responsible for its hand-over) stands in; the rules fall back to the acting organisation.
        const rows: { org: string | null }[] = await manager.query(
          `SELECT COALESCE(
             (SELECT organisation_id FROM case_summaries WHERE case_id = $1),
             (SELECT responsible_organisation_id FROM deadlines WHERE deadline_id = $2)) AS org`,
          [data.caseId, deadlineId('hand-over', String(data.caseId))],
        );
        return { caseOrganisationId: rows[0]?.org ?? undefined };
      }
      case 'shelterOperatorOrgId': {
        const rows: { operator_org_id: string }[] = await manager.query(
          `SELECT operator_org_id FROM shelters WHERE id = $1`,
          [data.shelterId],
        );
        return { shelterOperatorOrgId: rows[0]?.operator_org_id };
      }
      case 'competentAuthorityOrgId': {
        const rows: { responsible_organisation_id: string }[] = await manager.query(
          `SELECT responsible_organisation_id FROM deadlines
           WHERE case_id = $1 AND kind = 'status-decision' AND updated_position < $2
           ORDER BY started_at DESC, deadline_id DESC LIMIT 1`,
          [data.caseId, event.globalPosition.toString()],
        );
        return { competentAuthorityOrgId: rows[0]?.responsible_organisation_id };
      }
      case 'consent':
        return { consent: await this.consentContext(String(data.caseId), manager) };
      default:
        return {};
    }
  }

  /**
   * From this projection's own rows, so a replay decides alike: a child case has a
   * child-protection-notice deadline, a referred case a status-decision deadline.
   */
  private async consentContext(caseId: string, manager: EntityManager): Promise<ConsentContext | undefined> {
    const rows: {
      is_child: boolean;
      case_number: string | null;
      org: string | null;
      decision_id: string | null;
      decision_version: number | null;
      decision_org: string | null;
    }[] = await manager.query(
      `SELECT
         EXISTS (SELECT 1 FROM deadlines WHERE case_id = $1 AND kind = 'child-protection-notice') AS is_child,
         (SELECT case_number FROM case_summaries WHERE case_id = $1) AS case_number,
         COALESCE((SELECT organisation_id FROM case_summaries WHERE case_id = $1),
           (SELECT responsible_organisation_id FROM deadlines WHERE case_id = $1 AND kind = 'hand-over'
            ORDER BY started_at LIMIT 1)) AS org,
         s.deadline_id AS decision_id, s.version AS decision_version, s.responsible_organisation_id AS decision_org
       FROM (SELECT 1) one
       LEFT JOIN LATERAL (SELECT deadline_id, version, responsible_organisation_id FROM deadlines
         WHERE case_id = $1 AND kind = 'status-decision' ORDER BY started_at DESC, deadline_id DESC LIMIT 1) s ON true`,
      [caseId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      isChild: row.is_child,
      referred: row.decision_id !== null,
      caseNumber: row.case_number ?? undefined,
      caseOrganisationId: row.org ?? undefined,
      statusDecision:
        row.decision_id !== null
          ? { deadlineId: row.decision_id, version: row.decision_version!, organisationId: row.decision_org! }
          : undefined,
    };
  }

  /**
   * Opens deadlines in one statement per OPENS_PER_STATEMENT, each unless it exists (a replay);
   * returns the ids of those it opened. Of one id opened twice, the first stands, as one by one.
   */
  private async open(opening: readonly Opening[], manager: EntityManager): Promise<string[]> {
    const opened: string[] = [];
    for (let start = 0; start < opening.length; start += OPENS_PER_STATEMENT) {
      const values: unknown[] = [];
      const rows = opening.slice(start, start + OPENS_PER_STATEMENT).map(({ deadline: d, position }) => {
        values.push(d.id, d.kind, d.caseId, d.reference, d.responsibleOrganisationId, d.startedAt, d.dueAt);
        values.push(position.toString());
        const n = values.length - OPEN_PARAMETERS;
        return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, 'open', 1, $${n + 8})`;
      });
      const inserted: { deadline_id: string }[] = await manager.query(
        `INSERT INTO deadlines (deadline_id, kind, case_id, reference, responsible_organisation_id,
           started_at, due_at, status, version, updated_position)
         VALUES ${rows.join(', ')}
         ON CONFLICT (deadline_id) DO NOTHING
         RETURNING deadline_id`,
        values,
      );
      opened.push(...inserted.map((row) => row.deadline_id));
    }
    return opened;
  }

  /** Writes one change other than an open; returns the ids of the deadlines it actually changed. */
  private async write(
    change: Exclude<DeadlineChange, { type: 'open' }>,
    position: bigint,
    manager: EntityManager,
  ): Promise<string[]> {
    const at = position.toString();
    let result: [{ deadline_id: string }[], number] | { deadline_id: string }[];
    switch (change.type) {
      case 'move': {
        const target = targetSql(change.target, 3);
        result = await manager.query(
          `UPDATE deadlines SET due_at = $1, version = version + 1, updated_position = $2
           WHERE ${target.sql} AND status = 'open' AND due_at <> $1 AND updated_position < $2
           RETURNING deadline_id`,
          [change.dueAt, at, ...target.params],
        );
        break;
      }
      case 'meet':
      case 'expire': {
        // Met after its due time stays marked late (a late hand-over is not an on-time one).
        const target = targetSql(change.target, 4);
        result = await manager.query(
          `UPDATE deadlines SET status = $3, closed_at = $1, updated_position = $2,
             late = ($3 = 'met' AND $1::timestamptz > due_at)
           WHERE ${target.sql} AND status = 'open' AND updated_position < $2
           RETURNING deadline_id`,
          [change.at, at, change.type === 'meet' ? 'met' : 'expired', ...target.params],
        );
        break;
      }
      case 'cancel':
      case 'cancel-all-of-case': {
        const target = targetSql(change.type === 'cancel' ? change.target : { caseId: change.caseId }, 4);
        result = await manager.query(
          `UPDATE deadlines SET status = 'cancelled', closed_at = $1, updated_position = $2, closed_reason = $3
           WHERE ${target.sql} AND status = 'open' AND updated_position < $2
           RETURNING deadline_id`,
          [change.at, at, change.reason, ...target.params],
        );
        break;
      }
      case 'notify': {
        const n = change.notification;
        // Not a deadline change (no job to schedule); once per event and recipient, also on a replay.
        await manager.query(
          `INSERT INTO notifications (notification_id, recipient_organisation_id, recipient_role, kind, deadline_id,
             deadline_version, step, case_id, message, created_at, recipient_user_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT ON CONSTRAINT notifications_once DO NOTHING`,
          [
            randomUUID(),
            n.recipientOrganisationId,
            n.recipientRole,
            n.kind,
            n.deadlineId,
            n.deadlineVersion,
            n.step,
            n.caseId,
            n.message,
            n.at,
            n.recipientUserId ?? null,
          ],
        );
        return [];
      }
    }
    // pg answers an UPDATE … RETURNING with [rows, count] through TypeORM, an INSERT with rows.
    const rows = Array.isArray(result[0])
      ? (result[0] as { deadline_id: string }[])
      : (result as { deadline_id: string }[]);
    return rows.map((row) => row.deadline_id);
  }
}

/** SQL selecting a target's deadlines (or all of a case's), with its parameters numbered from `first`. */
function targetSql(target: DeadlineTarget | { caseId: string }, first: number): { sql: string; params: string[] } {
  if ('id' in target) return { sql: `deadline_id = $${first}`, params: [target.id] };
  if ('kind' in target) {
    return { sql: `case_id = $${first} AND kind = $${first + 1}`, params: [target.caseId, target.kind] };
  }
  return { sql: `case_id = $${first}`, params: [target.caseId] };
}
