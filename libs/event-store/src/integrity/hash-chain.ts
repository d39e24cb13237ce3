import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Tamper-evident history (issue 13). Each event carries the hash of its predecessor in its stream,
 * and its own hash covers that and the event as stored (ciphertext, never plaintext). The stores
 * hand the links of a chain to `verifyChain`, which walks them; signed anchors of the streams'
 * heads (`signAnchor`) add what a chain alone cannot tell: that a stream's last events are gone.
 */

/** One event of a stream's chain, as the store read it back. Hashes are lowercase hex. */
export interface ChainLink {
  streamName: string;
  revision: bigint;
  /** The predecessor's hash this event recorded when appended; null for revision 0. */
  previousHash: string | null;
  /** This event's hash, recomputed now from what is stored. */
  hash: string;
  /** The hash the store recorded at append time, when the store keeps one (PostgreSQL). */
  recordedHash?: string;
}

/** A stream's head as an anchor recorded it. */
export interface AnchoredHead {
  streamName: string;
  revision: bigint;
  hash: string;
}

/**
 * - edited: the event at the revision is no longer what was appended;
 * - deleted: the revision is missing between others;
 * - predecessor-mismatch: the event records a predecessor hash its predecessor does not have (the
 *   predecessor was replaced with a consistent hash, or this event was moved);
 * - truncated: the stream ends before the revision an anchor saw;
 * - rewritten: the revision an anchor saw has another hash now (rewritten at or before it).
 */
export type ChainProblem = 'edited' | 'deleted' | 'predecessor-mismatch' | 'truncated' | 'rewritten';

export interface ChainVerdict {
  streamName: string;
  /** The stream's last revision as stored now; null when it has no events. */
  revision: bigint | null;
  ok: boolean;
  firstBrokenRevision?: bigint;
  problem?: ChainProblem;
  /** What is wrong, in a sentence. */
  detail?: string;
}

/**
 * Walks one stream's links (in revision order) and names the first broken revision. With an
 * anchored head, the stream must still reach the anchored revision with the anchored hash.
 */
export function verifyChain(streamName: string, links: readonly ChainLink[], anchored?: AnchoredHead): ChainVerdict {
  const revision = links.length ? links[links.length - 1].revision : null;
  const broken = (firstBrokenRevision: bigint, problem: ChainProblem, detail: string): ChainVerdict => ({
    streamName,
    revision,
    ok: false,
    firstBrokenRevision,
    problem,
    detail,
  });
  let previous: ChainLink | null = null;
  for (const link of links) {
    const expected = previous === null ? 0n : previous.revision + 1n;
    if (link.revision !== expected) {
      const missing = link.revision - 1n === expected ? `${expected}` : `${expected} to ${link.revision - 1n}`;
      return broken(expected, 'deleted', `revision ${missing} is missing: deleted from the stream`);
    }
    if (link.recordedHash !== undefined && link.recordedHash !== link.hash) {
      return broken(link.revision, 'edited', `revision ${link.revision} no longer hashes to what was recorded: edited`);
    }
    const previousHash = previous === null ? null : previous.hash;
    if (link.previousHash !== previousHash) {
      // Without a recorded hash of its own (EventStoreDB) an edited event shows in its successor.
      return link.recordedHash === undefined && previous !== null
        ? broken(
            previous.revision,
            'edited',
            `revision ${previous.revision} no longer hashes to what its successor recorded: edited`,
          )
        : broken(
            link.revision,
            'predecessor-mismatch',
            `revision ${link.revision} records a predecessor hash that revision ${link.revision - 1n} does not have`,
          );
    }
    previous = link;
  }
  if (anchored) {
    if (revision === null || revision < anchored.revision) {
      const firstMissing = revision === null ? 0n : revision + 1n;
      return broken(
        firstMissing,
        'truncated',
        `the stream ends at ${revision ?? 'nothing'} but the anchor saw revision ${anchored.revision}: events removed from its end`,
      );
    }
    const atAnchor = links.find((link) => link.revision === anchored.revision);
    if (atAnchor && atAnchor.hash !== anchored.hash) {
      return broken(
        anchored.revision,
        'rewritten',
        `revision ${anchored.revision} has another hash than the anchor recorded: the stream was rewritten at or before it`,
      );
    }
  }
  return { streamName, revision, ok: true };
}

/**
 * Hash of an event as EventStoreDB stores it (JSON data and metadata, the latter carrying the
 * predecessor's hash), after the predecessor's hash: the same construction as the PostgreSQL
 * store's nrm_event_hash, over a canonical JSON text (keys sorted) instead of jsonb's.
 */
export function storedEventHash(
  previousHash: string | null,
  event: { streamName: string; revision: bigint; id: string; type: string; data: unknown; metadata: unknown },
): string {
  return createHash('sha256')
    .update(previousHash === null ? Buffer.alloc(0) : Buffer.from(previousHash, 'hex'))
    .update(
      canonicalJson([event.streamName, event.revision.toString(), event.id, event.type, event.data, event.metadata]),
      'utf8',
    )
    .digest('hex');
}

/** JSON with object keys in code-point order, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item: unknown) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What an anchor signs: when, and every stream's head then. */
export interface AnchorPayload {
  anchoredAt: string;
  /** Which key signed it (a fingerprint, not the key), so a check with another key says so. */
  keyId: string;
  heads: { streamName: string; revision: string; hash: string }[];
}

/** HMAC-SHA256 of the canonical payload with the anchor key, hex. */
export function signAnchor(payload: AnchorPayload, key: string): string {
  return createHmac('sha256', key).update(canonicalJson(payload), 'utf8').digest('hex');
}

export function anchorSignatureIsValid(payload: AnchorPayload, signature: string, key: string): boolean {
  const expected = Buffer.from(signAnchor(payload, key), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A short fingerprint of the anchor key, safe to store beside the anchors. */
export function anchorKeyId(key: string): string {
  return createHash('sha256').update(`nrm-integrity-anchor-key:${key}`, 'utf8').digest('hex').slice(0, 16);
}
