/** Nest injection token for the Clock (@nrm/shared-kernel); tests provide a FixedClock. */
export const CLOCK = Symbol('CLOCK');
