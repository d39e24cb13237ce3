import catalogue2026 from './catalogue-2026.1.json';

export type LocalisedText = { az: string; en: string };
export type IndicatorStrength = 'strong' | 'medium' | 'weak';

export interface Indicator {
  code: string;
  group: string;
  dimension: string;
  strength: IndicatorStrength;
  text: LocalisedText;
}

/** The versioned identification-indicator catalogue, shipped as data (one JSON file per version). */
export interface IndicatorCatalogue {
  version: string;
  publishedAt: string;
  source: LocalisedText;
  groups: { code: string; title: LocalisedText }[];
  dimensions: { code: string; title: LocalisedText }[];
  indicators: Indicator[];
}

const catalogues: readonly IndicatorCatalogue[] = [catalogue2026 as IndicatorCatalogue];

/** The catalogue new cases are identified with. */
export const currentIndicatorCatalogue: IndicatorCatalogue = catalogues[catalogues.length - 1];

export function findIndicatorCatalogue(version: string): IndicatorCatalogue | undefined {
  return catalogues.find((catalogue) => catalogue.version === version);
}

export function unknownIndicatorCodes(catalogue: IndicatorCatalogue, codes: readonly string[]): string[] {
  const known = new Set(catalogue.indicators.map((indicator) => indicator.code));
  return codes.filter((code) => !known.has(code));
}
