/** Events of the case-lifecycle context on the case stream (filled in by that context). */
export type CaseLifecycleEvent = never;
