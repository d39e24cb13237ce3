/** Events of the repatriation context on the case stream (filled in by that context). */
export type RepatriationEvent = never;
