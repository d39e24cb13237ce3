import {
  type AnchoredHead,
  type AnchorPayload,
  anchorKeyId,
  anchorSignatureIsValid,
  type ChainVerdict,
  type EventStore,
  signAnchor,
  verifyChain,
} from '@nrm/event-store';
import type { Clock } from '@nrm/shared-kernel';
import type { Environment } from '../config/environment';
import type { SqlQuery } from '../personal-data/encrypted-personal-data-protector';

/**
 * Stands in for INTEGRITY_ANCHOR_KEY outside production (the environment refuses production
 * without one): anchors made with it prove nothing, as anyone can read it here.
 */
const DEVELOPMENT_ANCHOR_KEY = 'nrm-development-integrity-anchor-key-not-for-production';

export function integrityAnchorKey(env: Environment): string {
  return env.INTEGRITY_ANCHOR_KEY ?? DEVELOPMENT_ANCHOR_KEY;
}

/** A stream's verdict as the API and the CLI show it. */
export interface StreamIntegrity {
  stream: string;
  /** The stream's last revision as stored now; null when it has no events left. */
  revision: number | null;
  ok: boolean;
  firstBrokenRevision?: number;
  problem?: ChainVerdict['problem'];
  detail?: string;
}

/** The latest anchor and whether its signature holds. */
export interface AnchorCheck {
  id: number;
  anchoredAt: string;
  /** The signature is the anchor key's over what the anchor records. */
  ok: boolean;
  /** How many stream heads it records. */
  streams: number;
  problem?: string;
}

export interface IntegrityReport {
  ok: boolean;
  /** The streams checked (all of them for a stream list; only the broken ones for the whole store). */
  streams: StreamIntegrity[];
  /** How many streams were checked. */
  streamsChecked: number;
  /** The latest anchor; null when none was made yet (truncation of a stream's end goes unseen). */
  anchor: AnchorCheck | null;
}

interface AnchorRow {
  id: string;
  anchored_at: Date;
  payload: AnchorPayload;
  signature: string;
}

interface LatestAnchor {
  check: AnchorCheck;
  /** The anchored heads by stream, when the signature holds (a forged anchor vouches for nothing). */
  heads: Map<string, AnchoredHead>;
}

/**
 * Verifies the event store's hash chains against the latest signed anchor, and makes anchors:
 * every stream's head (stream, revision, hash), signed with INTEGRITY_ANCHOR_KEY (HMAC-SHA256).
 * Anchors live in PostgreSQL whichever event store is configured; the key never does.
 */
export class StoreIntegrity {
  constructor(
    private readonly store: EventStore,
    private readonly sql: SqlQuery,
    private readonly key: string,
    private readonly clock: Clock,
  ) {}

  /** These streams' chains (events as stored now), each against its anchored head. */
  async verifyStreams(streamNames: readonly string[]): Promise<IntegrityReport> {
    const latest = await this.latestAnchor();
    const streams: StreamIntegrity[] = [];
    for (const streamName of streamNames) {
      const verdict = verifyChain(streamName, await this.store.readChain(streamName), latest?.heads.get(streamName));
      streams.push(toStreamIntegrity(verdict));
    }
    return report(streams, streams.length, latest);
  }

  /** Every stream of the store, and every anchored stream (one deleted whole is truncated at 0). */
  async verifyAll(): Promise<IntegrityReport> {
    const latest = await this.latestAnchor();
    const unseen = new Map(latest?.heads);
    const broken: StreamIntegrity[] = [];
    let checked = 0;
    for await (const links of this.store.readChains()) {
      const streamName = links[0].streamName;
      const verdict = verifyChain(streamName, links, unseen.get(streamName));
      unseen.delete(streamName);
      checked++;
      if (!verdict.ok) broken.push(toStreamIntegrity(verdict));
    }
    for (const [streamName, head] of unseen) {
      checked++;
      broken.push(toStreamIntegrity(verifyChain(streamName, [], head)));
    }
    return report(broken, checked, latest);
  }

  /** Records every stream's head now, signed. */
  async anchor(): Promise<AnchorCheck> {
    const heads = await this.store.readChainHeads();
    const payload: AnchorPayload = {
      anchoredAt: this.clock.now().toISOString(),
      keyId: anchorKeyId(this.key),
      heads: heads.map((head) => ({
        streamName: head.streamName,
        revision: head.revision.toString(),
        hash: head.hash,
      })),
    };
    const signature = signAnchor(payload, this.key);
    const [row] = await this.sql(
      `INSERT INTO integrity_anchors (anchored_at, payload, signature) VALUES ($1, $2, $3) RETURNING id::text AS id`,
      [payload.anchoredAt, JSON.stringify(payload), signature],
    );
    return { id: Number(row.id), anchoredAt: payload.anchoredAt, ok: true, streams: heads.length };
  }

  /** Anchors when the latest anchor is `intervalMinutes` old or more (by the clock), or there is none. */
  async anchorIfDue(intervalMinutes: number): Promise<AnchorCheck | null> {
    const [last] = await this.sql(`SELECT max(anchored_at) AS anchored_at FROM integrity_anchors`, []);
    const lastAt = last.anchored_at as Date | null;
    if (lastAt && this.clock.now().getTime() - lastAt.getTime() < intervalMinutes * 60_000) return null;
    return this.anchor();
  }

  private async latestAnchor(): Promise<LatestAnchor | null> {
    const [row] = (await this.sql(
      `SELECT id::text AS id, anchored_at, payload, signature FROM integrity_anchors ORDER BY id DESC LIMIT 1`,
      [],
    )) as unknown as AnchorRow[];
    if (!row) return null;
    const signed = anchorSignatureIsValid(row.payload, row.signature, this.key);
    const check: AnchorCheck = {
      id: Number(row.id),
      anchoredAt: row.anchored_at.toISOString(),
      ok: signed,
      streams: row.payload.heads?.length ?? 0,
    };
    if (!signed) {
      check.problem =
        row.payload.keyId === anchorKeyId(this.key)
          ? 'the signature does not match what the anchor records: the anchor was altered or forged'
          : 'the anchor was signed with another key than INTEGRITY_ANCHOR_KEY (or forged)';
      return { check, heads: new Map() };
    }
    const heads = new Map(
      row.payload.heads.map((head) => [
        head.streamName,
        { streamName: head.streamName, revision: BigInt(head.revision), hash: head.hash },
      ]),
    );
    return { check, heads };
  }
}

function report(streams: StreamIntegrity[], checked: number, latest: LatestAnchor | null): IntegrityReport {
  const anchor = latest?.check ?? null;
  return {
    ok: streams.every((stream) => stream.ok) && (anchor?.ok ?? true),
    streams,
    streamsChecked: checked,
    anchor,
  };
}

function toStreamIntegrity(verdict: ChainVerdict): StreamIntegrity {
  return {
    stream: verdict.streamName,
    revision: verdict.revision === null ? null : Number(verdict.revision),
    ok: verdict.ok,
    ...(verdict.ok
      ? {}
      : {
          firstBrokenRevision: Number(verdict.firstBrokenRevision),
          problem: verdict.problem,
          detail: verdict.detail,
        }),
  };
}
