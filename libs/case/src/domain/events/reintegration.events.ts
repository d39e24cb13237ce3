/** Events of the reintegration context on the case stream (filled in by that context). */
export type ReintegrationEvent = never;
