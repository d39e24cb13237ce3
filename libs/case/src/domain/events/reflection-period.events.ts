/** Events of the reflection-period context on the case stream (filled in by that context). */
export type ReflectionPeriodEvent = never;
