import {
  anchorKeyId,
  anchorSignatureIsValid,
  type AnchorPayload,
  canonicalJson,
  type ChainLink,
  signAnchor,
  storedEventHash,
  verifyChain,
} from './hash-chain';

const STREAM = 'case-1';

/** A well-formed chain of `count` events as the EventStoreDB adapter would hash them. */
function chainOf(count: number): ChainLink[] {
  const links: ChainLink[] = [];
  let previousHash: string | null = null;
  for (let index = 0; index < count; index++) {
    const revision = BigInt(index);
    const metadata = { actorId: 'u', previousHash };
    const hash = storedEventHash(previousHash, {
      streamName: STREAM,
      revision,
      id: `e${index}`,
      type: 'T',
      data: { index },
      metadata,
    });
    links.push({ streamName: STREAM, revision, previousHash, hash });
    previousHash = hash;
  }
  return links;
}

/** The same chain with the recorded hashes PostgreSQL keeps. */
const recorded = (links: ChainLink[]) => links.map((link) => ({ ...link, recordedHash: link.hash }));

describe('verifyChain', () => {
  it('given an intact chain, it is ok and names the head revision', () => {
    expect(verifyChain(STREAM, chainOf(4))).toEqual({ streamName: STREAM, revision: 3n, ok: true });
  });

  it('given no events, it is ok with no revision', () => {
    expect(verifyChain(STREAM, [])).toEqual({ streamName: STREAM, revision: null, ok: true });
  });

  it('given an event whose stored form no longer gives the recorded hash, it names that revision as edited', () => {
    const links = recorded(chainOf(4));
    links[1] = { ...links[1], hash: 'ff'.repeat(32) };
    expect(verifyChain(STREAM, links)).toMatchObject({ ok: false, firstBrokenRevision: 1n, problem: 'edited' });
  });

  it('given an edited event and no recorded hashes (EventStoreDB), it names the edited one through its successor', () => {
    const links = chainOf(4);
    links[2] = { ...links[2], hash: 'ff'.repeat(32) };
    expect(verifyChain(STREAM, links)).toMatchObject({ ok: false, firstBrokenRevision: 2n, problem: 'edited' });
  });

  it('given a missing revision in the middle, it names it as deleted', () => {
    const links = recorded(chainOf(5));
    expect(verifyChain(STREAM, [...links.slice(0, 2), ...links.slice(3)])).toMatchObject({
      ok: false,
      revision: 4n,
      firstBrokenRevision: 2n,
      problem: 'deleted',
    });
  });

  it('given a missing first revision, it names revision 0 as deleted', () => {
    expect(verifyChain(STREAM, recorded(chainOf(3)).slice(1))).toMatchObject({
      firstBrokenRevision: 0n,
      problem: 'deleted',
    });
  });

  it('given rows renumbered over a deletion, it names the moved revision by its predecessor hash', () => {
    const links = recorded(chainOf(4));
    const moved = { ...links[3], revision: 2n };
    expect(verifyChain(STREAM, [links[0], links[1], moved])).toMatchObject({
      firstBrokenRevision: 2n,
      problem: 'predecessor-mismatch',
    });
  });

  it('given an anchor beyond the stream end, it names the first missing revision as truncated', () => {
    const links = recorded(chainOf(5));
    const anchored = { streamName: STREAM, revision: 4n, hash: links[4].hash };
    expect(verifyChain(STREAM, links, anchored)).toEqual({ streamName: STREAM, revision: 4n, ok: true });
    expect(verifyChain(STREAM, links.slice(0, 3), anchored)).toMatchObject({
      ok: false,
      revision: 2n,
      firstBrokenRevision: 3n,
      problem: 'truncated',
    });
    expect(verifyChain(STREAM, [], anchored)).toMatchObject({ firstBrokenRevision: 0n, problem: 'truncated' });
  });

  it('given a consistently rewritten chain under an anchor, it names the anchored revision as rewritten', () => {
    const links = recorded(chainOf(3));
    const anchored = { streamName: STREAM, revision: 1n, hash: 'aa'.repeat(32) };
    expect(verifyChain(STREAM, links, anchored)).toMatchObject({ firstBrokenRevision: 1n, problem: 'rewritten' });
  });
});

describe('storedEventHash', () => {
  const event = {
    streamName: STREAM,
    revision: 0n,
    id: 'e',
    type: 'T',
    data: { a: 1, b: [1, 'x'] },
    metadata: { m: 1 },
  };

  it('does not depend on the order of object keys', () => {
    expect(storedEventHash(null, event)).toBe(storedEventHash(null, { ...event, data: { b: [1, 'x'], a: 1 } }));
  });

  it('changes with the data, the revision, the stream and the predecessor', () => {
    const hash = storedEventHash(null, event);
    expect(storedEventHash(null, { ...event, data: { a: 2, b: [1, 'x'] } })).not.toBe(hash);
    expect(storedEventHash(null, { ...event, revision: 1n })).not.toBe(hash);
    expect(storedEventHash(null, { ...event, streamName: 'case-2' })).not.toBe(hash);
    expect(storedEventHash('00'.repeat(32), event)).not.toBe(hash);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves arrays in order', () => {
    expect(canonicalJson({ b: { d: 1, c: [2, 1] }, a: null })).toBe('{"a":null,"b":{"c":[2,1],"d":1}}');
  });
});

describe('anchor signatures', () => {
  const payload: AnchorPayload = {
    anchoredAt: '2026-12-01T10:00:00.000Z',
    keyId: anchorKeyId('k'.repeat(32)),
    heads: [{ streamName: STREAM, revision: '3', hash: 'ab'.repeat(32) }],
  };

  it('accepts its own signature and refuses another key or an altered head', () => {
    const signature = signAnchor(payload, 'k'.repeat(32));
    expect(anchorSignatureIsValid(payload, signature, 'k'.repeat(32))).toBe(true);
    expect(anchorSignatureIsValid(payload, signature, 'x'.repeat(32))).toBe(false);
    const altered = { ...payload, heads: [{ ...payload.heads[0], revision: '2' }] };
    expect(anchorSignatureIsValid(altered, signature, 'k'.repeat(32))).toBe(false);
    expect(anchorSignatureIsValid(payload, 'not hex', 'k'.repeat(32))).toBe(false);
  });
});
