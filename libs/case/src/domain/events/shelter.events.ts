/** Events of the shelter context on the case stream (filled in by that context). */
export type ShelterEvent = never;
