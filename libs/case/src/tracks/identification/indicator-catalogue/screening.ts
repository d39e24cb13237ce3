import type { DimensionScreening } from '../identification.events';
import type { IndicatorCatalogue } from './indicator-catalogue';

/**
 * Indicators observed, counted by ILO/EC 2009 dimension and strength: support for the officer's
 * judgement, never the status decision itself.
 */
export function screeningSummary(catalogue: IndicatorCatalogue, codes: readonly string[]): DimensionScreening[] {
  const observed = new Set(codes);
  return catalogue.dimensions.map(({ code: dimension }) => {
    const counts: DimensionScreening = { dimension, strong: 0, medium: 0, weak: 0 };
    for (const indicator of catalogue.indicators) {
      if (indicator.dimension === dimension && observed.has(indicator.code)) counts[indicator.strength] += 1;
    }
    return counts;
  });
}
