/**
 * What an operator (and /health, /metrics) needs about projections that stopped on an event, and
 * the two ways to let one go on: resume (retry the event, after a fix) or skip it with a reason.
 * Running workers hear about either at once (NOTIFY), or at their next safety-net tick.
 */

/** Every committed batch of a projection notifies its name here (read-your-writes waits on it). */
export const CHECKPOINT_MOVED_CHANNEL = 'nrm_checkpoint_moved';

/** Workers LISTEN here for resumes and skips. */
export const PROJECTIONS_CHANGED_CHANNEL = 'nrm_projections_changed';

export interface StoppedProjection {
  projection: string;
  /** Global position of the event it could not apply. */
  position: string;
  error: string;
  stoppedAt?: string;
}

export interface ProjectionState {
  projection: string;
  position: string | null;
  updatedAt: string;
  stopped: StoppedProjection | null;
}

/** Runs one SQL statement and gives its rows (DataSource.query, or a pg pool's). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- DataSource.query's own result type
export type Sql = (sql: string, parameters?: unknown[]) => Promise<any>;

export async function projectionStates(sql: Sql): Promise<ProjectionState[]> {
  const rows: {
    projection: string;
    position: string | null;
    updated_at: Date;
    stopped_at: Date | null;
    stopped_position: string | null;
    stopped_error: string | null;
  }[] = await sql(
    `SELECT projection, position::text, updated_at, stopped_at, stopped_position::text, stopped_error
     FROM projection_checkpoints ORDER BY projection`,
  );
  return rows.map((row) => ({
    projection: row.projection,
    position: row.position,
    updatedAt: new Date(row.updated_at).toISOString(),
    stopped:
      row.stopped_at === null
        ? null
        : {
            projection: row.projection,
            position: row.stopped_position ?? '',
            error: row.stopped_error ?? '',
            stoppedAt: new Date(row.stopped_at).toISOString(),
          },
  }));
}

export class ProjectionNotStoppedError extends Error {}

/** Lets a stopped projection try its event again (after a fix is deployed). */
export async function resumeProjection(sql: Sql, projection: string): Promise<StoppedProjection> {
  const stopped = await stoppedOne(sql, projection);
  await sql(
    `UPDATE projection_checkpoints SET stopped_at = NULL, stopped_position = NULL, stopped_error = NULL
     WHERE projection = $1`,
    [projection],
  );
  await sql(`SELECT pg_notify($1, $2)`, [PROJECTIONS_CHANGED_CHANNEL, projection]);
  return stopped;
}

/**
 * Moves a stopped projection past the event it cannot apply, and records which event, its error,
 * why and who decided (projection_skipped_events): that read model then lacks that event for good.
 */
export async function skipStoppedEvent(
  sql: Sql,
  projection: string,
  reason: string,
  skippedBy: string,
): Promise<StoppedProjection> {
  const stopped = await stoppedOne(sql, projection);
  await sql(
    `WITH skipped AS (
       INSERT INTO projection_skipped_events (projection, global_position, error, reason, skipped_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING
     )
     UPDATE projection_checkpoints
     SET position = stopped_position, updated_at = now(),
         stopped_at = NULL, stopped_position = NULL, stopped_error = NULL
     WHERE projection = $1 AND stopped_position = $2`,
    [projection, stopped.position, stopped.error, reason, skippedBy],
  );
  await sql(`SELECT pg_notify($1, $2)`, [PROJECTIONS_CHANGED_CHANNEL, projection]);
  return stopped;
}

async function stoppedOne(sql: Sql, projection: string): Promise<StoppedProjection> {
  const state = (await projectionStates(sql)).find((candidate) => candidate.projection === projection);
  if (!state?.stopped) throw new ProjectionNotStoppedError(`projection ${projection} is not stopped`);
  return state.stopped;
}
