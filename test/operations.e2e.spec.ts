import { randomUUID } from 'node:crypto';
import { sleep } from '@nrm/event-store';
import { validateEnvironment } from '@nrm/platform';
import { projectionStates } from '@nrm/projections';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { projectionsCommand } from '../apps/cli/src/projections';
import { validCase } from './support/case-bodies';
import { useTestApp } from './support/test-app';
import { responder } from './support/tokens';

describe('Operations: /health names what is wrong, /metrics, the projections command', () => {
  const t = useTestApp({ users: { officer: responder('police-baku', 'officer-ops') } });
  const { tokens } = t;

  const openCase = () =>
    request(t.http).post('/cases').set('Authorization', `Bearer ${tokens.officer}`).send(validCase());

  it('GET /metrics: command latency by route and outcome, projection lag, stops, deadline jobs, keys in progress', async () => {
    expect((await openCase()).status).toBe(201);
    const refused = await request(t.http).post('/cases').set('Authorization', `Bearer ${tokens.officer}`).send({});
    expect(refused.status).toBe(400);

    const response = await request(t.http).get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.text;
    expect(text).toMatch(/nrm_command_duration_seconds_count\{method="POST",route="\/cases",outcome="success"\} 1\b/);
    expect(text).toMatch(/nrm_command_duration_seconds_count\{method="POST",route="\/cases",outcome="refused"\} 1\b/);
    expect(text).toMatch(/nrm_projection_lag_events\{projection="case-summaries"\} \d+/);
    expect(text).toMatch(/nrm_projection_lag_seconds\{projection="case-summaries"\} [\d.e-]+/);
    expect(text).toMatch(/nrm_projection_stopped\{projection="case-summaries"\} 0/);
    expect(text).toMatch(/nrm_deadline_jobs\{state="waiting"\} \d+/);
    expect(text).toMatch(/nrm_deadline_jobs\{state="failed"\} \d+/);
    expect(text).toMatch(/nrm_idempotency_keys_in_progress \d+/);
  });

  it('a malformed stored event stops the projections that cannot apply it, alone; /health says degraded and names them; skip lets them go on', async () => {
    const dataSource = t.app.get(DataSource);
    const caseId = randomUUID();
    // A stored event no projection of CaseOpened can apply (no case number, no person, nothing).
    const [{ position }]: { position: string }[] = await dataSource.query(
      `INSERT INTO events (stream_name, stream_revision, event_id, event_type, schema_version, data, metadata)
       VALUES ($1, 0, $2, 'CaseOpened', 1, $3, $4) RETURNING global_position::text AS position`,
      [
        `case-${caseId}`,
        randomUUID(),
        JSON.stringify({ caseId: null }),
        JSON.stringify({ actorId: 'x', organisationId: 'police-baku', correlationId: 'c', occurredAt: 'not a time' }),
      ],
    );

    // Every projection either went past the event or stopped on it (after its bounded retries).
    const settled = async () =>
      (await projectionStates((sql, parameters) => dataSource.query(sql, parameters))).every(
        (state) => state.stopped !== null || BigInt(state.position ?? -1) >= BigInt(position),
      );
    while (!(await settled())) await sleep(50);
    let health = await request(t.http).get('/health');
    expect(health.body.status).toBe('degraded');
    expect(health.status).toBe(200);
    const stopped: { projection: string; position: string; error: string }[] = health.body.error.projections.stopped;
    expect(stopped.length).toBeGreaterThan(0);
    for (const stop of stopped) {
      expect(stop.position).toBe(position);
      expect(stop.error).toContain('CaseOpened');
      expect(health.body.failing).toContain(`projection ${stop.projection}`);
    }
    expect(health.body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
    const metrics = await request(t.http).get('/metrics');
    expect(metrics.text).toContain(`nrm_projection_stopped{projection="${stopped[0].projection}"} 1`);

    const env = validateEnvironment(process.env);
    const printed: string[] = [];
    expect(await projectionsCommand(env, ['list'], (line) => printed.push(line))).toBe(0);
    expect(printed.filter((line) => line.includes(`STOPPED at ${position}`))).toHaveLength(stopped.length);
    // The projections that do not read CaseOpened (e.g. the shelters) went on.
    expect(printed.some((line) => line.endsWith('running'))).toBe(true);
    for (const stop of stopped) {
      expect(
        await projectionsCommand(
          env,
          ['skip', stop.projection, '--reason', 'malformed test event', '--by', 'ops'],
          () => undefined,
        ),
      ).toBe(0);
    }

    const after = await openCase();
    expect(after.status).toBe(201);
    const read = await request(t.http)
      .get(`/cases/${after.body.caseId}?minPosition=${after.body.position}`)
      .set('Authorization', `Bearer ${tokens.officer}`);
    expect(read.status).toBe(200);
    expect(read.headers['x-read-model-caught-up']).toBe('true');
    health = await request(t.http).get('/health');
    expect(health.body).toMatchObject({ status: 'ok', failing: [] });
  });

  it('GET /health: 503 naming Redis when Redis does not answer', async () => {
    const redis = t.app.get<symbol, { disconnect(): void; connect(): Promise<void> }>(
      (await import('@nrm/platform/redis/redis.module')).REDIS,
    );
    redis.disconnect();
    try {
      const health = await request(t.http).get('/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'error', failing: ['Redis'], error: { redis: { status: 'down' } } });
    } finally {
      await redis.connect();
    }
  });
});
