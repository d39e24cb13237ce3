import {
  commandDerivedId,
  commandEventId,
  IdentifiedCommand,
  runAsIdentifiedCommand,
  uuidV5,
} from './command-identity';

describe('command identity: ids derived from (scope, Idempotency-Key)', () => {
  it('uuidV5 is RFC 4122 version 5 (the RFC errata test vector)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('the same request makes the same ids on every attempt; another key or caller makes others', async () => {
    const ids = (scope: string, key: string) =>
      runAsIdentifiedCommand(new IdentifiedCommand(scope, key), async () => [
        commandEventId('case-1', 0),
        commandEventId('case-1', 1),
        commandEventId('case-2', 0),
        commandDerivedId('case'),
      ]);
    const first = await ids('officer-1', 'k-1');
    expect(await ids('officer-1', 'k-1')).toEqual(first);
    expect(new Set(first).size).toBe(4);
    for (const id of first) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const others = [...(await ids('officer-1', 'k-2')), ...(await ids('officer-2', 'k-1'))];
    expect(others.filter((id) => first.includes(id))).toEqual([]);
  });

  it('without an identity every id is random', () => {
    expect(commandEventId('case-1', 0)).not.toBe(commandEventId('case-1', 0));
    expect(commandDerivedId('case')).not.toBe(commandDerivedId('case'));
  });
});
