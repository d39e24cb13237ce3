import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { ALL_ENTITIES, ALL_EVENT_TYPES, allProjections } from '@nrm/composition';
import { Environment, dataSourceOptions, personalDataProtectorFor } from '@nrm/platform';
import { EventCodec, PostgresEventStore, sleep } from '@nrm/event-store';
import { ProjectionRunner } from '@nrm/projections';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { policeOpenedCase } from './support/case-events';
import { processEnvironment, spawnEntry } from './support/processes';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import { TEST_PERSONAL_DATA_MASTER_KEY } from './support/test-environment';

const CASES = 1500;
const silentLog = { info: () => undefined, error: () => undefined };

/** Read models as a user sees them, in a stable order, for comparison. */
async function snapshot(dataSource: DataSource) {
  const summaries = await dataSource.query(`SELECT * FROM case_summaries ORDER BY case_id`);
  const timeline = await dataSource.query(`SELECT * FROM case_timeline_entries ORDER BY case_id, revision`);
  return { summaries, timeline };
}

const startWorker = (databaseUrl: string): ChildProcess =>
  spawnEntry('apps/worker/src/main.ts', [], { env: processEnvironment(databaseUrl), stdio: 'ignore' });

async function checkpointOf(dataSource: DataSource, projection: string): Promise<bigint | null> {
  const rows: { position: string | null }[] = await dataSource.query(
    `SELECT position FROM projection_checkpoints WHERE projection = $1`,
    [projection],
  );
  return rows[0]?.position ? BigInt(rows[0].position) : null;
}

describe('Projections survive a killed worker', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let pool: Pool;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url, ALL_ENTITIES)).initialize();
    pool = new Pool({ connectionString: database.url, max: 8 });
  });

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await pool.end();
    await dataSource.destroy();
    await database.drop();
  });

  it('a worker killed mid-projection and restarted leaves the read models equal to a full rebuild', async () => {
    const store = new PostgresEventStore(pool);
    const protector = personalDataProtectorFor({ PERSONAL_DATA_MASTER_KEY: TEST_PERSONAL_DATA_MASTER_KEY }, (sql, p) =>
      pool.query(sql, p).then((result) => result.rows),
    );
    const codec = new EventCodec(ALL_EVENT_TYPES, protector);
    const metadata = {
      actorId: 'officer-1',
      actorName: 'Officer',
      organisationId: 'police-baku',
      correlationId: 'c',
      occurredAt: '2026-11-21T10:00:00.000Z',
    };
    let last = 0n;
    for (let i = 0; i < CASES; i += 50) {
      const appended = await Promise.all(
        Array.from({ length: Math.min(50, CASES - i) }, async (_, j) => {
          const caseId = randomUUID();
          const opened = await codec.encode(
            policeOpenedCase({
              caseId,
              caseNumber: `NRM-2026-${String(i + j).padStart(6, '0')}`,
              familyName: `Person ${i + j}`,
              age: 20 + ((i + j) % 30),
              sex: (i + j) % 2 ? 'female' : 'male',
            }),
            metadata,
          );
          const consent = await codec.encode(
            {
              type: 'ReferralConsentRecorded',
              data: { caseId, consentToReferral: false, recordedAt: metadata.occurredAt },
            },
            metadata,
          );
          return store.appendToStream(`case-${caseId}`, [opened, consent], 'no_stream');
        }),
      );
      for (const result of appended) if (result.lastGlobalPosition > last) last = result.lastGlobalPosition;
    }

    worker = startWorker(database.url);
    // Kill it hard once it has projected part, but not all, of the events.
    for (;;) {
      const checkpoint = await checkpointOf(dataSource, 'case-summaries');
      if (checkpoint !== null && checkpoint > 0n) break;
      await sleep(5);
    }
    worker.kill('SIGKILL');
    await new Promise((resolve) => worker!.once('exit', resolve));
    const atKill = await checkpointOf(dataSource, 'case-summaries');
    expect(atKill).not.toBeNull();
    expect(atKill! < last).toBe(true);

    worker = startWorker(database.url);
    for (;;) {
      const [summaries, timeline] = await Promise.all([
        checkpointOf(dataSource, 'case-summaries'),
        checkpointOf(dataSource, 'case-timeline'),
      ]);
      if (
        summaries !== null &&
        timeline !== null &&
        (await store.hasReached(summaries, last)) &&
        (await store.hasReached(timeline, last))
      )
        break;
      await sleep(20);
    }
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker!.once('exit', resolve));
    worker = undefined;
    const afterRecovery = await snapshot(dataSource);

    const rebuild = new ProjectionRunner(dataSource, store, codec, allProjections(new Environment()), {
      log: silentLog,
    });
    await rebuild.resetAll();
    await rebuild.catchUp();
    const rebuilt = await snapshot(dataSource);

    expect(afterRecovery.summaries).toHaveLength(CASES);
    expect(afterRecovery.timeline).toHaveLength(CASES * 2);
    expect(
      afterRecovery.summaries.every((row: { consent_to_referral: boolean }) => row.consent_to_referral === false),
    ).toBe(true);
    expect(afterRecovery).toEqual(rebuilt);
    // Two worker processes start under ts-node (each loads the whole application): on a busy
    // 2-core machine that alone has taken over a minute.
  }, 300_000);
});
