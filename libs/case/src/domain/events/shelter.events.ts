import type { DomainEvent } from '@nrm/shared-kernel';

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

export type ShelterRegistered = DomainEvent<
  'ShelterRegistered',
  {
    shelterId: string;
    name: string;
    /** The organisation that runs the shelter; its shelter staff answer placement requests. */
    operatorOrgId: string;
    region: string;
    beds: number;
    accepts: ShelterAccepts[];
    registeredAt: string;
  }
>;

export type ShelterCapacityChanged = DomainEvent<
  'ShelterCapacityChanged',
  { shelterId: string; beds: number; previousBeds: number; reason: string; changedAt: string }
>;

export type PlacementRequested = DomainEvent<
  'PlacementRequested',
  {
    placementId: string;
    caseId: string;
    shelterId: string;
    shelterName: string;
    /** The person the case is about: subject of the personal data in later placement events. */
    personId: string;
    /** Short codes such as medical-care, interpreter, wheelchair-access. */
    needs: string[];
    requestedAt: string;
  }
>;

/** The shelter took the person in: a bed is taken from now on. */
export type PlacementAccepted = DomainEvent<
  'PlacementAccepted',
  { placementId: string; caseId: string; shelterId: string; shelterName: string; acceptedAt: string }
>;

export type PlacementDeclined = DomainEvent<
  'PlacementDeclined',
  {
    placementId: string;
    caseId: string;
    shelterId: string;
    shelterName: string;
    personId: string;
    /** Free text by the shelter: personal data (encrypted with the person's key). */
    reason: string;
    declinedAt: string;
  }
>;

export type PlacementCheckedIn = DomainEvent<
  'PlacementCheckedIn',
  { placementId: string; caseId: string; shelterId: string; shelterName: string; checkedInAt: string }
>;

/** The person left the shelter: the bed is free again. */
export type PlacementCheckedOut = DomainEvent<
  'PlacementCheckedOut',
  {
    placementId: string;
    caseId: string;
    shelterId: string;
    shelterName: string;
    personId: string;
    /** Free text by the shelter: personal data (encrypted with the person's key). */
    reason: string;
    /** YYYY-MM-DD: the day the person left (may lie in the past when recorded late). */
    checkedOutOn: string;
    recordedAt: string;
  }
>;

/**
 * The placement's case was closed: a request pending, a bed held or a stay is ended, and a bed held
 * is free again. Appended by the closure, on each shelter where the case has an open placement.
 */
export type PlacementEndedByClosure = DomainEvent<
  'PlacementEndedByClosure',
  {
    placementId: string;
    caseId: string;
    shelterId: string;
    shelterName: string;
    /** requested, accepted or checked-in: whether a bed is freed. */
    previousStatus: PlacementStatus;
    endedAt: string;
  }
>;

export type PlacementEvent =
  | PlacementRequested
  | PlacementAccepted
  | PlacementDeclined
  | PlacementCheckedIn
  | PlacementCheckedOut
  | PlacementEndedByClosure;

/** Every event of a shelter stream. */
export type ShelterEvent = ShelterRegistered | ShelterCapacityChanged | PlacementEvent;
