import { defineEvent, type EventNamed, type EventsOf } from '@nrm/shared-kernel';

/**
 * Events of the shelter context. They live on shelter streams (`shelter-<shelter id>`: bed capacity
 * is a consistency boundary, DESIGN §3.4), not on case streams; every placement event names the
 * case it concerns (`caseId`), so it shows on that case's timeline.
 */

/** Whom a shelter takes in. */
export const SHELTER_ACCEPTS = ['women', 'men', 'children'] as const;
export type ShelterAccepts = (typeof SHELTER_ACCEPTS)[number];

/**
 * The life of a placement: requested, then accepted or declined; accepted, then checked in and out;
 * 'ended' when its case was closed before (a closed case holds no bed and has no request pending).
 */
export const PLACEMENT_STATUSES = ['requested', 'accepted', 'declined', 'checked-in', 'checked-out', 'ended'] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

export type PlacementEvent =
  | PlacementRequested
  | PlacementAccepted
  | PlacementDeclined
  | PlacementCheckedIn
  | PlacementCheckedOut
  | PlacementEndedByClosure;

/** What every placement event names: the placement, the case it is for, and its shelter. */
interface PlacementOfCase {
  placementId: string;
  caseId: string;
  shelterId: string;
  shelterName: string;
}

export const SHELTER_EVENT_TYPES = {
  ShelterRegistered: defineEvent<{
    shelterId: string;
    name: string;
    /** The organisation that runs the shelter; its shelter staff answer placement requests. */
    operatorOrgId: string;
    region: string;
    beds: number;
    accepts: ShelterAccepts[];
    registeredAt: string;
  }>({ schemaVersion: 1, personalFields: [] }),
  ShelterCapacityChanged: defineEvent<{
    shelterId: string;
    beds: number;
    previousBeds: number;
    reason: string;
    changedAt: string;
  }>({ schemaVersion: 1, personalFields: [] }),
  PlacementRequested: defineEvent<
    PlacementOfCase & {
      /** The person the case is about: subject of the personal data in later placement events. */
      personId: string;
      /** Short codes such as medical-care, interpreter, wheelchair-access. */
      needs: string[];
      requestedAt: string;
    }
  >({ schemaVersion: 1, personalFields: [] }),
  /** The shelter took the person in: a bed is taken from now on. */
  PlacementAccepted: defineEvent<
    PlacementOfCase & {
      acceptedAt: string;
    }
  >({ schemaVersion: 1, personalFields: [] }),
  PlacementDeclined: defineEvent<
    PlacementOfCase & {
      personId: string;
      /** Free text by the shelter: personal data (encrypted with the person's key). */
      reason: string;
      declinedAt: string;
    }
  >({ schemaVersion: 1, personalFields: ['reason'], subjectField: 'personId' }),
  PlacementCheckedIn: defineEvent<
    PlacementOfCase & {
      checkedInAt: string;
    }
  >({ schemaVersion: 1, personalFields: [] }),
  /** The person left the shelter: the bed is free again. */
  PlacementCheckedOut: defineEvent<
    PlacementOfCase & {
      personId: string;
      /** Free text by the shelter: personal data (encrypted with the person's key). */
      reason: string;
      /** YYYY-MM-DD: the day the person left (may lie in the past when recorded late). */
      checkedOutOn: string;
      recordedAt: string;
    }
  >({ schemaVersion: 1, personalFields: ['reason'], subjectField: 'personId' }),
  /**
   * The placement's case was closed: a request pending, a bed held or a stay is ended, and a bed held
   * is free again. Appended by the closure, on each shelter where the case has an open placement.
   */
  PlacementEndedByClosure: defineEvent<
    PlacementOfCase & {
      /** requested, accepted or checked-in: whether a bed is freed. */
      previousStatus: PlacementStatus;
      endedAt: string;
    }
  >({ schemaVersion: 1, personalFields: [] }),
};

/** Every event of a shelter stream. */
export type ShelterEvent = EventsOf<typeof SHELTER_EVENT_TYPES>;
export type ShelterRegistered = EventNamed<ShelterEvent, 'ShelterRegistered'>;
export type ShelterCapacityChanged = EventNamed<ShelterEvent, 'ShelterCapacityChanged'>;
export type PlacementRequested = EventNamed<ShelterEvent, 'PlacementRequested'>;
export type PlacementAccepted = EventNamed<ShelterEvent, 'PlacementAccepted'>;
export type PlacementDeclined = EventNamed<ShelterEvent, 'PlacementDeclined'>;
export type PlacementCheckedIn = EventNamed<ShelterEvent, 'PlacementCheckedIn'>;
export type PlacementCheckedOut = EventNamed<ShelterEvent, 'PlacementCheckedOut'>;
export type PlacementEndedByClosure = EventNamed<ShelterEvent, 'PlacementEndedByClosure'>;
