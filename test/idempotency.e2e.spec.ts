import type { ChildProcess } from 'node:child_process';
import { IdempotentCommands } from '@nrm/platform';
import request from 'supertest';
import { validCase } from './support/case-bodies';
import { countEvents, queryRows } from './support/events';
import { useTestApp } from './support/test-app';
import { responder } from './support/tokens';
import { processEnvironment, spawnEntry } from './support/processes';
import { FixedClock } from '@nrm/shared-kernel';

/** A port of engine-write's range for the API started as a child process. */
const CHILD_API_PORT = 4150;

/**
 * Idempotency-Key with the PostgreSQL store: the key record, the personal-data key and the events
 * commit in one transaction, so whatever happens to a request (refused, failing after its append,
 * its connection or its whole process killed mid-command), a retry with the key ends with exactly
 * one case and the first result, and no key is ever left "in progress".
 */
describe('Idempotency-Key: one command, one commit', () => {
  const t = useTestApp({ users: { officer: responder('police-baku', 'officer-idem') } });
  const { tokens } = t;

  beforeAll(() => t.app.listen(0, '127.0.0.1'));

  const events = () => countEvents(t.database.url);
  const sql = <Row = Record<string, unknown>>(text: string, values: unknown[] = []) =>
    queryRows<Row>(t.database.url, text, values);
  const keyRows = (key: string) =>
    sql<{ response_body: unknown }>(`SELECT response_body FROM idempotency_keys WHERE key = $1`, [key]);
  const personalDataKeys = async () =>
    Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM personal_data_keys`))[0].n);

  function openCase(key: string, body: object = validCase(), server: Parameters<typeof request>[0] = t.http) {
    return request(server)
      .post('/cases')
      .set('Authorization', `Bearer ${tokens.officer}`)
      .set('Idempotency-Key', key)
      .send(body);
  }

  /** Makes the key's completion (the last write of its transaction, after the append) run `action`. */
  async function onCompletionOf(key: string, action: string): Promise<() => Promise<void>> {
    const name = `idem_test_${key.replace(/\W/g, '_')}`;
    await sql(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.key = '${key}' THEN ${action}; END IF; RETURN NEW; END $$`);
    await sql(`CREATE TRIGGER ${name} BEFORE UPDATE ON idempotency_keys FOR EACH ROW EXECUTE FUNCTION ${name}()`);
    return async () => {
      await sql(`DROP TRIGGER ${name} ON idempotency_keys`);
      await sql(`DROP FUNCTION ${name}()`);
    };
  }

  /**
   * Makes the first write of a row to `table` for which `condition` holds stall (until its backend
   * is terminated); every later one passes (a sequence counts them: it is not rolled back).
   */
  async function stallFirst(
    table: string,
    timing: 'BEFORE INSERT' | 'BEFORE UPDATE',
    condition = 'true',
  ): Promise<() => Promise<void>> {
    const name = `idem_test_stall_${table}`;
    await sql(`CREATE SEQUENCE ${name}`);
    await sql(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF ${condition} AND nextval('${name}') = 1 THEN PERFORM pg_sleep(60); END IF; RETURN NEW; END $$`);
    await sql(`CREATE TRIGGER ${name} ${timing} ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`);
    return async () => {
      await sql(`DROP TRIGGER ${name} ON ${table}`);
      await sql(`DROP FUNCTION ${name}()`);
      await sql(`DROP SEQUENCE ${name}`);
    };
  }

  /** Makes every append (the events' insert, before the commit is sent) run `action`. */
  async function onAppend(action: string): Promise<() => Promise<void>> {
    await sql(`CREATE FUNCTION idem_test_on_append() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${action}; RETURN NEW; END $$`);
    await sql(
      `CREATE TRIGGER idem_test_on_append BEFORE INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION idem_test_on_append()`,
    );
    return async () => {
      await sql(`DROP TRIGGER idem_test_on_append ON events`);
      await sql(`DROP FUNCTION idem_test_on_append()`);
    };
  }

  /** Starts the API as a child process, sends one command with `key`, and kills it with SIGKILL once it stalls. */
  async function killedMidCommand(key: string): Promise<void> {
    let child: ChildProcess | undefined;
    try {
      child = startApiProcess(t.database.url);
      await waitForHealth(child);
      openCase(key, validCase(), `http://127.0.0.1:${CHILD_API_PORT}`).catch(() => undefined);
      await stalledBackend();
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    } finally {
      child?.kill('SIGKILL');
    }
  }

  /** The backend of the command stalled in its completion (pg_sleep), once it is there. */
  async function stalledBackend(): Promise<number> {
    for (let attempt = 0; attempt < 600; attempt++) {
      const rows = await sql<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'`,
      );
      if (rows.length > 0) return rows[0].pid;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the command never reached its completion');
  }

  it('the same key and body sent 8 times at once: one case, one append, eight identical answers', async () => {
    const before = await events();
    const answers = await Promise.all(Array.from({ length: 8 }, () => openCase('at-once-1')));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    for (const answer of answers) {
      expect(answer.body).toEqual(answers[0].body);
      expect(answer.headers.location).toBe(`/cases/${answers[0].body.caseId}`);
      expect(answer.headers.etag).toBe('"0"');
    }
    expect(await events()).toBe(before + 1);
    expect(await keyRows('at-once-1')).toEqual([{ response_body: answers[0].body }]);
  });

  it('a command whose transaction fails after its append leaves no key, no events and no personal-data key', async () => {
    const eventsBefore = await events();
    const keysBefore = await personalDataKeys();
    const restore = await onCompletionOf('fails-late-1', `RAISE EXCEPTION 'injected failure after the append'`);
    try {
      const failed = await openCase('fails-late-1');
      expect(failed.status).toBe(500);
    } finally {
      await restore();
    }
    expect(await events()).toBe(eventsBefore);
    expect(await keyRows('fails-late-1')).toEqual([]);
    expect(await personalDataKeys()).toBe(keysBefore);

    const retried = await openCase('fails-late-1');
    expect(retried.status).toBe(201);
    expect(await events()).toBe(eventsBefore + 1);
    expect((await openCase('fails-late-1')).body).toEqual(retried.body);
  });

  it('a command whose connection is terminated while its COMMIT is on its way: asked again the full way, it answers with one case', async () => {
    const before = await events();
    const restore = await stallFirst('idempotency_keys', 'BEFORE UPDATE', `NEW.key = 'terminated-1'`);
    try {
      const pending = openCase('terminated-1').then((response) => response); // sent now (supertest is lazy)
      const backend = await stalledBackend();
      expect(await events()).toBe(before); // appended, not committed
      await sql(`SELECT pg_terminate_backend($1, 5000)`, [backend]);
      const answer = await pending;
      expect(answer.status).toBe(201);
      expect(await events()).toBe(before + 1);
      expect(await keyRows('terminated-1')).toEqual([{ response_body: answer.body }]);
      const again = await openCase('terminated-1');
      expect(again.body).toEqual(answer.body);
      expect(await events()).toBe(before + 1);
    } finally {
      await restore();
    }
  });

  it('a command whose connection is terminated before its COMMIT: it runs again on another connection and answers with one case', async () => {
    const before = await events();
    const restore = await stallFirst('events', 'BEFORE INSERT');
    try {
      const pending = openCase('terminated-2').then((response) => response);
      await sql(`SELECT pg_terminate_backend($1, 5000)`, [await stalledBackend()]);
      const answer = await pending;
      expect(answer.status).toBe(201);
      expect(await events()).toBe(before + 1);
      expect((await openCase('terminated-2')).body).toEqual(answer.body);
    } finally {
      await restore();
    }
  });

  it('without a key, a COMMIT lost on its way: 503 saying it may or may not have taken effect (here it did not), with Retry-After', async () => {
    const before = await events();
    const restore = await stallFirst('person_blind_index', 'BEFORE INSERT');
    try {
      const pending = request(t.http)
        .post('/cases')
        .set('Authorization', `Bearer ${tokens.officer}`)
        .send(validCase())
        .then((response) => response);
      await sql(`SELECT pg_terminate_backend($1, 5000)`, [await stalledBackend()]);
      const answer = await pending;
      expect(answer.status).toBe(503);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.headers['retry-after']).toBe('1');
      expect(answer.body).toMatchObject({ type: expect.stringMatching(/commit-outcome-unknown$/), status: 503 });
      expect(answer.body.detail).toMatch(/may or may not have taken effect/);
      expect(await events()).toBe(before);
    } finally {
      await restore();
    }
  });

  it('an API process killed with SIGKILL mid-command: the retry opens the case once and then answers with it', async () => {
    const before = await events();
    const restore = await onAppend('PERFORM pg_sleep(3)');
    try {
      await killedMidCommand('killed-1');
    } finally {
      // Waits for the dead process's transaction to end (it held the table): the server rolls it back.
      await restore();
    }
    expect(await events()).toBe(before);
    expect(await keyRows('killed-1')).toEqual([]);

    const retried = await openCase('killed-1');
    expect(retried.status).toBe(201);
    const again = await openCase('killed-1');
    expect(again.body).toEqual(retried.body);
    expect(await events()).toBe(before + 1);
  }, 120_000);

  it('an API process killed with SIGKILL once its answer and COMMIT are sent (one round trip): the command is committed whole, and the retry answers with it', async () => {
    const before = await events();
    const restore = await onCompletionOf('killed-2', 'PERFORM pg_sleep(3)');
    try {
      await killedMidCommand('killed-2');
    } finally {
      await restore();
    }
    expect(await events()).toBe(before + 1);
    const [stored] = await keyRows('killed-2');
    expect(stored.response_body).not.toBeNull();

    const retried = await openCase('killed-2');
    expect(retried.status).toBe(201);
    expect(retried.body).toEqual(stored.response_body);
    expect(await events()).toBe(before + 1);
  }, 120_000);

  it('a refused command frees its key (nothing was written): another body may use it', async () => {
    const before = await events();
    const refused = await openCase('refused-1', { ...validCase(), indicatorCodes: ['NOPE-1'] });
    expect(refused.status).toBe(422);
    expect(await keyRows('refused-1')).toEqual([]);
    expect((await openCase('refused-1')).status).toBe(201);
    expect(await events()).toBe(before + 1);
  });

  describe('retention (IDEMPOTENCY_KEY_RETENTION_HOURS, 24 by default)', () => {
    it('a key past its retention is forgotten: the same key opens a new case, also with another body', async () => {
      const first = await openCase('retained-1');
      expect(first.status).toBe(201);
      expect((await openCase('retained-1', { ...validCase(), narrative: 'Another account.' })).status).toBe(422);

      await sql(`UPDATE idempotency_keys SET created_at = created_at - interval '25 hours' WHERE key = 'retained-1'`);
      const before = await events();
      const reused = await openCase('retained-1', { ...validCase(), narrative: 'Another account.' });
      expect(reused.status).toBe(201);
      expect(reused.body.caseId).not.toBe(first.body.caseId);
      expect(await events()).toBe(before + 1);
    });

    it('the purge deletes every key past its retention and keeps the others', async () => {
      expect((await openCase('purge-old-1')).status).toBe(201);
      expect((await openCase('purge-fresh-1')).status).toBe(201);
      await sql(
        `UPDATE idempotency_keys SET created_at = created_at - interval '24 hours 1 minute' WHERE key = 'purge-old-1'`,
      );

      const purged = await t.app.get(IdempotentCommands).purgeExpired();
      expect(purged).toBeGreaterThanOrEqual(1);
      expect(await keyRows('purge-old-1')).toEqual([]);
      expect(await keyRows('purge-fresh-1')).toHaveLength(1);
    });
  });
});

describe('Idempotency-Key: a retry gets the first answer, whatever the command would decide now', () => {
  const clock = new FixedClock(new Date('2026-11-20T10:00:00Z'));
  const t = useTestApp({ clock, users: { officer: responder('police-baku', 'officer-idem-clock') } });

  it('also when the opening would now be refused before anything of it reached the database', async () => {
    const body = {
      ...validCase(),
      identification: { ...validCase().identification, identifiedAt: clock.now().toISOString() },
    };
    const open = () =>
      request(t.http)
        .post('/cases')
        .set('Authorization', `Bearer ${t.tokens.officer}`)
        .set('Idempotency-Key', 'clock-1')
        .send(body);
    const first = await open();
    expect(first.status).toBe(201);
    const before = await countEvents(t.database.url);

    // Read now, the identification lies in the future: the decider refuses before any statement.
    clock.advance(-60 * 60 * 1000);
    const retried = await open();
    expect(retried.status).toBe(201);
    expect(retried.body).toEqual(first.body);
    expect(await countEvents(t.database.url)).toBe(before);
  });
});

function startApiProcess(databaseUrl: string): ChildProcess {
  return spawnEntry('apps/api/src/main.ts', [], {
    env: processEnvironment(databaseUrl, { PORT: String(CHILD_API_PORT), HOST: '127.0.0.1' }),
    stdio: 'ignore',
  });
}

async function waitForHealth(child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 900; attempt++) {
    if (child.exitCode !== null) throw new Error(`the API process exited with ${child.exitCode}`);
    const status = await request(`http://127.0.0.1:${CHILD_API_PORT}`)
      .get('/health')
      .then((response) => response.status)
      .catch(() => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the API process did not become healthy');
}
