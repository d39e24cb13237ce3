import { Client } from 'pg';
import request from 'supertest';
import { validCase } from './support/case-bodies';
import { useTestApp } from './support/test-app';
import { responder } from './support/tokens';

/**
 * A command's cost is mostly its round trips to PostgreSQL (the CPU profile: socket writes and
 * per-statement work on both sides), so they are counted here, every statement any connection of
 * the API process sends: BEGIN travels with the first statement of the unit of work, COMMIT with
 * the Idempotency-Key's answer, the key's claim and the blind index travel with them, and the wake-up of the projections after the commit is shared by
 * every command committed meanwhile (counted apart: at most one per command).
 */
describe('round trips to PostgreSQL per command', () => {
  // The API alone, as deployed beside a worker process: no projection reads in the count.
  const t = useTestApp({ withWorker: false, users: { officer: responder('police-baku', 'officer-trips') } });
  const { tokens } = t;

  let opened = 0;

  // Every statement any connection sends, from the first command on: a statement prepared on a
  // connection (PREPARE, after the unit that first sent it) runs there later as EXECUTE by name.
  let query: jest.SpyInstance;
  beforeAll(() => (query = jest.spyOn(Client.prototype, 'query')));
  afterAll(() => query.mockRestore());

  const textOf = (statement: unknown) =>
    typeof statement === 'string' ? statement : (statement as { text: string }).text;

  /** The statement with each `EXECUTE name(values)` written as the text that `name` was prepared with. */
  function withPreparedTexts(statement: string): string {
    const prepared = new Map<string, string>();
    for (const [sent] of query.mock.calls) {
      const match = /^PREPARE (\w+) AS ([\s\S]*)$/.exec(textOf(sent));
      if (match) prepared.set(match[1], match[2].trim());
    }
    return statement.replace(
      /EXECUTE (\w+)\((?:'(?:[^']|'')*'|E'(?:[^'\\]|''|\\.)*'|NULL|[\s,])*\)/g,
      (_, name: string) => {
        const text = prepared.get(name);
        if (text === undefined) throw new Error(`EXECUTE of ${name}, never prepared`);
        return text;
      },
    );
  }

  /**
   * The statements sent while `commands` POST /cases run one after the other, after a first one
   * (whose connection prepares its statements once it is over).
   */
  async function statementsOf(commands: number, key: (index: number) => string | undefined): Promise<string[]> {
    const openCase = (index: number) => {
      const post = request(t.http).post('/cases').set('Authorization', `Bearer ${tokens.officer}`);
      const idempotencyKey = key(index);
      // A different person each time (born in another year): the usual opening, which raises no
      // duplicate-person alert.
      const body = validCase();
      body.person.dateOfBirth = `${1940 + ++opened}-04-12`;
      return (idempotencyKey ? post.set('Idempotency-Key', idempotencyKey) : post).send(body);
    };
    expect((await openCase(-1)).status).toBe(201);
    const from = query.mock.calls.length;
    for (let index = 0; index < commands; index++) expect((await openCase(index)).status).toBe(201);
    // The last wake-up is sent after the last answer.
    await new Promise((resolve) => setImmediate(resolve));
    return query.mock.calls.slice(from).map(([statement]) => withPreparedTexts(textOf(statement)));
  }

  it('prepares each statement once per connection, and then runs it there by name', async () => {
    await statementsOf(5, () => undefined);
    const preparedOn = new Map<unknown, string[]>();
    let executed = 0;
    query.mock.calls.forEach(([statement], index) => {
      const text = textOf(statement);
      executed += text.match(/EXECUTE \w+\(/g)?.length ?? 0;
      const name = /^PREPARE (\w+) AS/.exec(text)?.[1];
      if (name === undefined) return;
      const connection = query.mock.contexts[index];
      preparedOn.set(connection, [...(preparedOn.get(connection) ?? []), name]);
    });
    for (const names of preparedOn.values()) expect(new Set(names).size).toBe(names.length);
    expect(preparedOn.size).toBeGreaterThan(0);
    // The 5 commands' 4 statements each (person lock, personal-data key, append, blind index).
    expect(executed).toBeGreaterThanOrEqual(5 * 4 - 4 * preparedOn.size);
  });

  const eachCommand = (commands: number, statements: RegExp[]) =>
    Array.from({ length: commands }, () => statements.map((pattern) => expect.stringMatching(pattern))).flat();

  // The first command's own wake-up may come after the count began: at most one per command, plus that one.
  const isWakeUp = (statement: string) => statement.includes('pg_notify');
  // Case numbers come in blocks of 20 (one statement per block, not per command).
  const isNumberBlock = (statement: string) => statement.includes('case_number_seq');
  // A connection new to the pool prepares each statement once, after its first unit of work.
  const isPreparation = (statement: string) => statement.startsWith('PREPARE ');
  const ofEachCommand = (statements: string[]) =>
    statements.filter((s) => !isWakeUp(s) && !isNumberBlock(s) && !isPreparation(s));

  it('POST /cases with an Idempotency-Key: 2 (BEGIN + key claim + person lock + personal-data key + append; blind index + answer + COMMIT)', async () => {
    const statements = await statementsOf(10, (index) => `trips-${index}`);
    expect(ofEachCommand(statements)).toEqual(
      eachCommand(10, [
        /^BEGIN;\s+INSERT INTO idempotency_keys[^;]*;\s*SELECT pg_advisory_xact_lock[^;]*;\s*INSERT INTO personal_data_keys[^;]*;\s*WITH current_stream[\s\S]*INSERT INTO events/,
        /^WITH digests[\s\S]*INSERT INTO person_blind_index[^;]*;\s*UPDATE idempotency_keys[^;]*;\s*COMMIT$/,
      ]),
    );
    expect(statements.filter(isWakeUp).length).toBeLessThanOrEqual(10 + 1);
    expect(statements.filter(isNumberBlock).length).toBeLessThanOrEqual(1);
  });

  it('POST /cases without a key: 2 (BEGIN + person lock + personal-data key + append; blind index + COMMIT)', async () => {
    const statements = await statementsOf(10, () => undefined);
    expect(ofEachCommand(statements)).toEqual(
      eachCommand(10, [
        /^BEGIN;\s+SELECT pg_advisory_xact_lock[^;]*;\s*INSERT INTO personal_data_keys[^;]*;\s*WITH current_stream[\s\S]*INSERT INTO events/,
        /^WITH digests[\s\S]*INSERT INTO person_blind_index[^;]*;\s*COMMIT$/,
      ]),
    );
    expect(statements.filter(isWakeUp).length).toBeLessThanOrEqual(10 + 1);
    expect(statements.filter(isNumberBlock).length).toBeLessThanOrEqual(1);
  });
});
