import type {
  PlacementAccepted,
  PlacementCheckedIn,
  PlacementCheckedOut,
  PlacementDeclined,
  PlacementRequested,
} from '@nrm/case/domain';
import type { CaseSummaryRules } from '@nrm/case/read-models/case-summaries.projection';
import type { TimelineDescribers } from '@nrm/case/read-models/case-timeline.projection';

/**
 * How the shelter context's events show in the case summary: not at all. Placement events live on
 * shelter streams, and the summary's revision guard counts the case stream's revisions.
 */
export const shelterSummaryRules: CaseSummaryRules = {};

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
};
