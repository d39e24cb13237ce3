import { randomUUID } from 'node:crypto';
import { sleep } from '@nrm/event-store';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { Client } from 'pg';
import { withClient } from './test-environment';

/** Helpers of the deadline scheduler tests: deadline rows, notifications, Redis keys. */

export const HOUR_MS = 60 * 60 * 1000;

export interface DeadlineInsert {
  kind?: string;
  dueAt: Date;
  startedAt?: Date;
  version?: number;
  status?: string;
  firedSteps?: string[];
  organisation?: string;
}

/**
 * A deadline row as the deadline projection writes it (the scheduler's source of truth), with the
 * steps its jobs fired (`firedSteps`, in the scheduler's deadline_job_steps) at its due time.
 */
export async function insertDeadline(databaseUrl: string, deadline: DeadlineInsert): Promise<string> {
  const caseId = randomUUID();
  const kind = deadline.kind ?? 'hand-over';
  const deadlineId = `${kind}.${caseId}`;
  const version = deadline.version ?? 1;
  await withClient(databaseUrl, async (client) => {
    await client.query(
      `INSERT INTO deadlines (deadline_id, kind, case_id, responsible_organisation_id, started_at, due_at, status,
         version, updated_position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)`,
      [
        deadlineId,
        kind,
        caseId,
        deadline.organisation ?? 'police-baku',
        deadline.startedAt ?? new Date(deadline.dueAt.getTime() - 30 * 24 * HOUR_MS),
        deadline.dueAt,
        deadline.status ?? 'open',
        version,
      ],
    );
    for (const step of deadline.firedSteps ?? []) await fireStep(client, deadlineId, version, step, deadline.dueAt);
  });
  return deadlineId;
}

/** Records a step as fired, as a deadline job does (without its notification). */
export const fireStep = (client: Client, deadlineId: string, version: number, step: string, at: Date) =>
  client.query(
    `INSERT INTO deadline_job_steps (deadline_id, deadline_version, step, fired_at) VALUES ($1, $2, $3, $4)`,
    [deadlineId, version, step, at],
  );

export interface NotificationRow {
  kind: string;
  step: string;
  recipient_organisation_id: string | null;
  recipient_role: string | null;
  deadline_version: number;
  created_at: Date;
}

export const notificationsOf = (databaseUrl: string, deadlineId: string): Promise<NotificationRow[]> =>
  withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<NotificationRow>(
      `SELECT kind, step, recipient_organisation_id, recipient_role, deadline_version, created_at
       FROM notifications WHERE deadline_id = $1 ORDER BY created_at`,
      [deadlineId],
    );
    return rows;
  });

/** A deadline's status, and what its jobs did: the steps fired for its version, when it escalated. */
export const deadlineRow = (databaseUrl: string, deadlineId: string) =>
  withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ status: string; fired_steps: string[]; escalated_at: Date | null }>(
      `SELECT d.status,
         ARRAY(SELECT s.step FROM deadline_job_steps s WHERE s.deadline_id = d.deadline_id
           AND s.deadline_version = d.version ORDER BY s.fired_at, s.step) AS fired_steps,
         (SELECT min(s.fired_at) FROM deadline_job_steps s WHERE s.deadline_id = d.deadline_id AND s.step = 'due')
           AS escalated_at
       FROM deadlines d WHERE d.deadline_id = $1`,
      [deadlineId],
    );
    return rows[0];
  });

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Every key of one Redis prefix gone: FLUSHALL for this test alone (the Redis is shared). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  // One script, so nothing runs between the scan and the deletes, as with FLUSHALL: deleted in
  // rounds, a reconciler's round between two could re-create a job whose set is then deleted.
  const deleted = await redis.eval(
    `local cursor, deleted = '0', 0
     repeat
       local reply = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)
       cursor = reply[1]
       for _, key in ipairs(reply[2]) do deleted = deleted + redis.call('DEL', key) end
     until cursor == '0'
     return deleted`,
    0,
    `${prefix}:*`,
  );
  return Number(deleted);
}

/**
 * Waits until no job of the deadline is waiting or running (what was due at once has had its
 * effect) and, given a version, until that version's jobs are in Redis (one of them delayed).
 */
export async function queueSettled(queue: Queue, deadlineId: string, version?: number): Promise<void> {
  await waitFor(async () => {
    const jobs = (await queue.getJobs(['wait', 'active', 'delayed', 'prioritized', 'paused'])).filter(
      (job) => job.data.deadlineId === deadlineId,
    );
    const states = await Promise.all(jobs.map(async (job) => [job.data.version, await job.getState()] as const));
    const scheduled = version === undefined || states.some(([v, state]) => v === version && state === 'delayed');
    return scheduled && states.every(([, state]) => state === 'delayed');
  }, 20_000);
}
