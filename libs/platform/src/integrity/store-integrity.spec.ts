import { PostgresEventStore } from '@nrm/event-store';
import { newStreamName, newTestEvent } from '@nrm/event-store/testing';
import { FixedClock } from '@nrm/shared-kernel';
import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { StoreIntegrity } from './store-integrity';

const KEY = 'integrity-spec-anchor-key-0123456789abcdef';
const MINUTE = 60_000;

describe('StoreIntegrity on the PostgreSQL store', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let clock: FixedClock;
  let integrity: StoreIntegrity;
  const sql = async (text: string, parameters: unknown[]) => (await pool.query(text, parameters)).rows;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 3 });
    store = new PostgresEventStore(pool);
    clock = new FixedClock(new Date('2026-12-01T10:00:00Z'));
    integrity = new StoreIntegrity(store, sql, KEY, clock);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('anchors when none exists, then only once the interval has passed on the clock', async () => {
    expect(await integrity.anchorIfDue(60)).toMatchObject({ ok: true, anchoredAt: '2026-12-01T10:00:00.000Z' });
    expect(await integrity.anchorIfDue(60)).toBeNull();
    clock.advance(59 * MINUTE);
    expect(await integrity.anchorIfDue(60)).toBeNull();
    clock.advance(MINUTE);
    expect(await integrity.anchorIfDue(60)).toMatchObject({ anchoredAt: '2026-12-01T11:00:00.000Z' });
  });

  it('verifies the whole store, lists only the broken streams, and checks them against the latest anchor', async () => {
    const intact = newStreamName('intact');
    const edited = newStreamName('edited');
    await store.appendToStream(intact, [newTestEvent(), newTestEvent()], 'no_stream');
    await store.appendToStream(edited, [newTestEvent(), newTestEvent(), newTestEvent()], 'no_stream');
    const anchor = await integrity.anchor();
    expect(anchor.streams).toBeGreaterThanOrEqual(2);
    expect(await integrity.verifyAll()).toMatchObject({ ok: true, streams: [], anchor: { id: anchor.id, ok: true } });

    await sql(
      `UPDATE events SET metadata = metadata || '{"actorId":"someone-else"}' WHERE stream_name = $1 AND stream_revision = 0`,
      [edited],
    );
    const report = await integrity.verifyAll();
    expect(report.ok).toBe(false);
    expect(report.streams).toEqual([
      expect.objectContaining({ stream: edited, revision: 2, firstBrokenRevision: 0, problem: 'edited' }),
    ]);
    expect(report.streamsChecked).toBeGreaterThanOrEqual(2);
  });

  it('says when the latest anchor was signed with another key, and then vouches for no head', async () => {
    const stream = newStreamName('other-key');
    await store.appendToStream(stream, [newTestEvent(), newTestEvent()], 'no_stream');
    await new StoreIntegrity(store, sql, 'another-anchor-key-that-is-long-enough!', clock).anchor();
    await sql(`DELETE FROM events WHERE stream_name = $1 AND stream_revision = 1`, [stream]);

    const report = await integrity.verifyStreams([stream]);
    expect(report.ok).toBe(false);
    expect(report.anchor).toMatchObject({ ok: false, problem: expect.stringMatching(/another key/) });
    expect(report.streams).toEqual([{ stream, revision: 0, ok: true }]);
  });
});
