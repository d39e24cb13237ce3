import type { DecodedEvent } from '@nrm/event-store';
import type { Projection } from '@nrm/projections';
import type { DomainEvent } from '@nrm/shared-kernel';
import { type EntityManager, In } from 'typeorm';
import { caseIdOfStream } from '../domain/case-stream';
import { CaseSummaryEntity } from './case-summary.entity';
import { activeTracksOf, type CaseTracks, emptyTracks, stageOf } from './case-tracks';
import { type AnyReadRules, readBy, type ReadRules } from './read-rules';

export const CASE_SUMMARIES_PROJECTION = 'case-summaries';

/** How an event changes the case's tracks (a pure function of the tracks before it). */
export type TracksChange = (tracks: CaseTracks) => CaseTracks;

/** Columns the rules never set: the projection keeps them (revision, time) or derives them (stage, tracks). */
type DerivedColumns = 'revision' | 'updatedAt' | 'stage' | 'tracks' | 'activeTracks';

/**
 * A new row (the event that opens a case), the columns and tracks a case-stream event changes, or the
 * tracks an event of another stream changes (`onCase`: a placement names its case; such an event is
 * not counted in the case's revision, its rule guards against a replay itself).
 */
export type CaseSummaryChange =
  | { insert: Omit<CaseSummaryEntity, DerivedColumns | 'referredToOrganisationId'>; tracks?: TracksChange }
  | { update: Partial<Omit<CaseSummaryEntity, 'caseId' | DerivedColumns>>; tracks?: TracksChange }
  | { onCase: string; tracks: TracksChange };

/** How each of a set of events changes the case summary: a rule for every event type of the set. */
export type CaseSummaryRules<Event extends DomainEvent> = ReadRules<Event, CaseSummaryChange>;

/** The rule of an event that changes no column and no track (the case's revision still moves on). */
export const unchanged = (): CaseSummaryChange => ({ update: {} });

/**
 * One row per case, fed by every context's rules. One projection owns the table, so the revision
 * guard (a row only takes newer events of its case stream) holds across contexts. A batch loads the
 * rows it touches, applies its events in order, derives each row's stage and active tracks from its
 * tracks, and writes the rows back in one statement.
 */
export class CaseSummariesProjection implements Projection {
  readonly name = CASE_SUMMARIES_PROJECTION;
  readonly tables = ['case_summaries'];

  constructor(private readonly rules: AnyReadRules<CaseSummaryChange>) {}

  handles(eventType: string): boolean {
    return eventType in this.rules;
  }

  async apply(events: readonly DecodedEvent[], manager: EntityManager): Promise<void> {
    const changes = events.map((event) => ({ event, change: readBy(this.rules, event) }));
    const caseIds = [...new Set(changes.map(({ event, change }) => caseOf(event, change)).filter(isString))];
    if (caseIds.length === 0) return;
    const rows = new Map(
      (await manager.find(CaseSummaryEntity, { where: { caseId: In(caseIds) } })).map((row) => [row.caseId, row]),
    );
    const changed = applyChanges(rows, changes);
    if (changed.size > 0) await manager.upsert(CaseSummaryEntity, [...changed], ['caseId']);
  }
}

/**
 * A case's summary from its events alone, as the projection would have written it after them: the
 * case stream's events and the other streams' events that name the case (placements), in global
 * order. Null when none of them opens the case. The case as of a past moment is this fold over the
 * events recorded up to then (application/case-history.ts).
 */
export function summariseCase(
  rules: AnyReadRules<CaseSummaryChange>,
  caseId: string,
  events: readonly DecodedEvent[],
): CaseSummaryEntity | null {
  const rows = new Map<string, CaseSummaryEntity>();
  const known = events.filter((event) => event.type in rules);
  applyChanges(
    rows,
    known.map((event) => ({ event, change: readBy(rules, event) })),
  );
  return rows.get(caseId) ?? null;
}

/** The one fold of the case summaries: applies changes in order, then derives each changed row's stage and active tracks. */
function applyChanges(
  rows: Map<string, CaseSummaryEntity>,
  changes: readonly { event: DecodedEvent; change: CaseSummaryChange }[],
): Set<CaseSummaryEntity> {
  const changed = new Set<CaseSummaryEntity>();
  for (const { event, change } of changes) {
    const row = applyChange(rows, event, change);
    if (row) changed.add(row);
  }
  for (const row of changed) {
    row.stage = stageOf(row.tracks);
    row.activeTracks = activeTracksOf(row.tracks);
  }
  return changed;
}

/** Applies one change to the loaded rows; the row it changed, or null (a replay, or no such case). */
function applyChange(
  rows: Map<string, CaseSummaryEntity>,
  event: DecodedEvent,
  change: CaseSummaryChange,
): CaseSummaryEntity | null {
  const occurredAt = new Date(event.metadata.occurredAt);
  if ('insert' in change) {
    if (rows.has(change.insert.caseId)) return null;
    const tracks = (change.tracks ?? ((t: CaseTracks) => t))(emptyTracks());
    const row = Object.assign(new CaseSummaryEntity(), {
      ...change.insert,
      referredToOrganisationId: null,
      revision: event.revision,
      updatedAt: occurredAt,
      stage: stageOf(tracks),
      tracks,
      activeTracks: activeTracksOf(tracks),
    });
    rows.set(row.caseId, row);
    return row;
  }
  const row = rows.get(caseOf(event, change) ?? '');
  if (!row) return null;
  if ('onCase' in change) {
    row.tracks = change.tracks(withDefaults(row.tracks));
    return row;
  }
  // Only an event newer than the row: replays change nothing.
  if (row.revision >= event.revision) return null;
  Object.assign(row, change.update, { revision: event.revision, updatedAt: occurredAt });
  if (change.tracks) row.tracks = change.tracks(withDefaults(row.tracks));
  return row;
}

/** Rows written before the tracks existed hold `{}` until a rebuild: every track starts empty. */
function withDefaults(tracks: Partial<CaseTracks> | null): CaseTracks {
  return { ...emptyTracks(), ...tracks };
}

function caseOf(event: DecodedEvent, change: CaseSummaryChange): string | null {
  if ('insert' in change) return change.insert.caseId;
  if ('onCase' in change) return change.onCase;
  return caseIdOfStream(event.streamName);
}

const isString = (value: string | null): value is string => value !== null;
