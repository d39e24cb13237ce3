import type {
  PlacementAccepted,
  PlacementCheckedIn,
  PlacementCheckedOut,
  PlacementDeclined,
  PlacementEndedByClosure,
  PlacementRequested,
} from '../domain/shelter.events';
import type { DecodedEvent } from '@nrm/event-store';
import type { CaseSummaryChange, CaseSummaryRules } from '@nrm/case/read-models/case-summaries.projection';
import type { PlacementTrack } from '@nrm/case/read-models/case-tracks';
import type { TimelineDescribers } from '@nrm/case/read-models/case-timeline.projection';

/**
 * How the shelter context's events show in the case summary: each placement's track. Placement events
 * live on shelter streams and name their case; they are not counted in the case's revision (its
 * ETag), so each placement keeps the shelter stream's revision it last took (replays change nothing).
 */
export const shelterSummaryRules: CaseSummaryRules = {
  PlacementRequested: (event) => {
    const data = event.data as PlacementRequested['data'];
    return onPlacement(event, data.caseId, data.placementId, (existing) => ({
      placementId: data.placementId,
      shelterId: data.shelterId,
      shelterName: data.shelterName,
      needs: data.needs,
      requestedAt: data.requestedAt,
      acceptedAt: null,
      declinedAt: null,
      checkedInAt: null,
      checkedOutOn: null,
      endedAt: null,
      ...existing,
      state: 'requested',
    }));
  },
  PlacementAccepted: (event) => {
    const data = event.data as PlacementAccepted['data'];
    return onPlacement(
      event,
      data.caseId,
      data.placementId,
      (existing) => existing && { ...existing, state: 'accepted', acceptedAt: data.acceptedAt },
    );
  },
  PlacementDeclined: (event) => {
    const data = event.data as PlacementDeclined['data'];
    return onPlacement(
      event,
      data.caseId,
      data.placementId,
      (existing) => existing && { ...existing, state: 'declined', declinedAt: data.declinedAt },
    );
  },
  PlacementCheckedIn: (event) => {
    const data = event.data as PlacementCheckedIn['data'];
    return onPlacement(
      event,
      data.caseId,
      data.placementId,
      (existing) => existing && { ...existing, state: 'checked-in', checkedInAt: data.checkedInAt },
    );
  },
  PlacementCheckedOut: (event) => {
    const data = event.data as PlacementCheckedOut['data'];
    return onPlacement(
      event,
      data.caseId,
      data.placementId,
      (existing) => existing && { ...existing, state: 'checked-out', checkedOutOn: data.checkedOutOn },
    );
  },
  PlacementEndedByClosure: (event) => {
    const data = event.data as PlacementEndedByClosure['data'];
    return onPlacement(
      event,
      data.caseId,
      data.placementId,
      (existing) => existing && { ...existing, state: 'ended', endedAt: data.endedAt },
    );
  },
};

type PlacementFields = Omit<PlacementTrack, 'shelterRevision'>;

/** Changes one placement of the case, unless the placement already took this or a later event. */
function onPlacement(
  event: DecodedEvent,
  caseId: string,
  placementId: string,
  change: (existing: PlacementFields | undefined) => PlacementFields | undefined,
): CaseSummaryChange {
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
export const shelterTimeline: TimelineDescribers = {
  PlacementRequested: (event) => {
    const data = event.data as PlacementRequested['data'];
    return {
      summary:
        `Placement requested at shelter ${data.shelterName}` +
        (data.needs.length > 0 ? `; needs: ${data.needs.join(', ')}.` : '.'),
      details: { placementId: data.placementId, shelterId: data.shelterId, needs: data.needs },
    };
  },
  PlacementAccepted: (event) => {
    const data = event.data as PlacementAccepted['data'];
    return {
      summary: `Placement accepted by shelter ${data.shelterName}: a bed is held.`,
      details: { placementId: data.placementId, shelterId: data.shelterId },
    };
  },
  PlacementDeclined: (event) => {
    const data = event.data as PlacementDeclined['data'];
    return {
      summary: `Placement declined by shelter ${data.shelterName} (reason recorded).`,
      details: { placementId: data.placementId, shelterId: data.shelterId },
    };
  },
  PlacementCheckedIn: (event) => {
    const data = event.data as PlacementCheckedIn['data'];
    return {
      summary: `Checked in at shelter ${data.shelterName}.`,
      details: { placementId: data.placementId, shelterId: data.shelterId, checkedInAt: data.checkedInAt },
    };
  },
  PlacementCheckedOut: (event) => {
    const data = event.data as PlacementCheckedOut['data'];
    return {
      summary: `Checked out of shelter ${data.shelterName} on ${data.checkedOutOn} (reason recorded).`,
      details: { placementId: data.placementId, shelterId: data.shelterId, checkedOutOn: data.checkedOutOn },
    };
  },
  // PlacementEndedByClosure has no entry of its own: the closure's entry (CaseClosed) tells it.
};
