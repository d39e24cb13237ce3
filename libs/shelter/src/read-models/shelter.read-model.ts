import {
  fieldsOf,
  type CaseSummaryChange,
  type CaseSummaryRules,
  type PlacementTrack,
  noTimelineEntry,
  type TimelineDescribers,
} from '@nrm/case';
import type { DecodedEventOf } from '@nrm/event-store';
import type { PlacementEvent } from '../domain/shelter.events';

/**
 * How the shelter context's events show in the case summary: each placement's track. Placement events
 * live on shelter streams and name their case; they are not counted in the case's revision (its
 * ETag), so each placement keeps the shelter stream's revision it last took (replays change nothing).
 */
export const shelterSummaryRules: CaseSummaryRules<PlacementEvent> = {
  PlacementRequested: (event) =>
    onPlacement(event, (existing) => ({
      placementId: event.data.placementId,
      shelterId: event.data.shelterId,
      shelterName: event.data.shelterName,
      needs: event.data.needs,
      requestedAt: event.data.requestedAt,
      acceptedAt: null,
      declinedAt: null,
      checkedInAt: null,
      checkedOutOn: null,
      endedAt: null,
      ...existing,
      state: 'requested',
    })),
  PlacementAccepted: (event) => onPlacement(event, moveTo('accepted', { acceptedAt: event.data.acceptedAt })),
  PlacementDeclined: (event) => onPlacement(event, moveTo('declined', { declinedAt: event.data.declinedAt })),
  PlacementCheckedIn: (event) => onPlacement(event, moveTo('checked-in', { checkedInAt: event.data.checkedInAt })),
  PlacementCheckedOut: (event) => onPlacement(event, moveTo('checked-out', { checkedOutOn: event.data.checkedOutOn })),
  PlacementEndedByClosure: (event) => onPlacement(event, moveTo('ended', { endedAt: event.data.endedAt })),
};

type PlacementFields = Omit<PlacementTrack, 'shelterRevision'>;
type PlacementChange = (existing: PlacementFields | undefined) => PlacementFields | undefined;

/** A placement already requested moves to `state`, with the date of the step. */
const moveTo =
  (state: PlacementTrack['state'], step: Partial<PlacementFields>): PlacementChange =>
  (existing) =>
    existing && { ...existing, ...step, state };

/** Changes the event's placement on its case, unless the placement already took this or a later event. */
function onPlacement(event: DecodedEventOf<PlacementEvent>, change: PlacementChange): CaseSummaryChange {
  const { caseId, placementId } = event.data;
  return {
    onCase: caseId,
    tracks: (tracks) => {
      const existing = tracks.placements.find((placement) => placement.placementId === placementId);
      if (existing && BigInt(existing.shelterRevision) >= event.revision) return tracks;
      const changed = change(existing);
      if (!changed) return tracks;
      const placement: PlacementTrack = { ...changed, shelterRevision: event.revision.toString() };
      return {
        ...tracks,
        placements: existing
          ? tracks.placements.map((p) => (p.placementId === placementId ? placement : p))
          : [...tracks.placements, placement],
      };
    },
  };
}

/**
 * How placements read on the case's timeline (each placement event names its case). Reasons are
 * personal data and stay off the timeline.
 */
export const shelterTimeline: TimelineDescribers<PlacementEvent> = {
  PlacementRequested: ({ data }) => ({
    summary:
      `Placement requested at shelter ${data.shelterName}` +
      (data.needs.length > 0 ? `; needs: ${data.needs.join(', ')}.` : '.'),
    details: fieldsOf(data, 'placementId', 'shelterId', 'needs'),
  }),
  PlacementAccepted: ({ data }) => ({
    summary: `Placement accepted by shelter ${data.shelterName}: a bed is held.`,
    details: fieldsOf(data, 'placementId', 'shelterId'),
  }),
  PlacementDeclined: ({ data }) => ({
    summary: `Placement declined by shelter ${data.shelterName} (reason recorded).`,
    details: fieldsOf(data, 'placementId', 'shelterId'),
  }),
  PlacementCheckedIn: ({ data }) => ({
    summary: `Checked in at shelter ${data.shelterName}.`,
    details: fieldsOf(data, 'placementId', 'shelterId', 'checkedInAt'),
  }),
  PlacementCheckedOut: ({ data }) => ({
    summary: `Checked out of shelter ${data.shelterName} on ${data.checkedOutOn} (reason recorded).`,
    details: fieldsOf(data, 'placementId', 'shelterId', 'checkedOutOn'),
  }),
  // The closure's entry (CaseClosed) tells it.
  PlacementEndedByClosure: noTimelineEntry,
};
