import { transliterate } from 'transliteration';

/**
 * Letters of Azerbaijani Latin that a generic transliteration flattens (ş→s, ç→c, ə→@, x, q and c
 * kept) although Russian and English spellings of the same name render them otherwise: Şahin is
 * Шахин / Shahin, Cavid is Джавид / Javid, Xəlil is Халил / Khalil, Qasım is Гасым / Gasim. Mapped
 * first, to the spelling the other scripts use. c and x are taken as Azerbaijani (this register's
 * people are mostly from the region): an English "Alexander" then differs from "Aleksandr".
 */
const AZERBAIJANI_LATIN: Record<string, string> = {
  ə: 'a',
  ş: 'sh',
  ç: 'ch',
  ğ: 'g',
  ı: 'i',
  ö: 'o',
  ü: 'u',
  x: 'kh',
  q: 'g',
};

/**
 * Spellings that transliterations of the same sound differ on, each folded to one letter. Order
 * matters: digraphs before their letters (sh before h). Recall is preferred to precision (a match
 * only asks a coordinator to look): ş, sh and a bare s fold together (Şahin, Shahin, Sahin), as do
 * ç, ch, ц and ts.
 */
const SPELLING_FOLDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/shch|sh/g, 's'], // Az ş, Russian Ш, Щ
  [/dzh|dj|zh/g, 'j'], // Az c / j, Russian Дж / Ж, English j
  [/tch|ch|ts/g, 'c'], // Az ç, Russian Ч, Ц
  [/kh|gh|h/g, 'g'], // Az x, h, ğ and q: Russian writes Х or Г (Həsən = Гасан, Xəyal = Хаял)
  [/ph/g, 'f'],
  [/w/g, 'v'],
  // A consonant softened by Russian я, ю, ё (Гюльнара = Gülnarə, Гянджа = Gəncə): the y goes.
  [/([bcdfgjklmnprstvz])y([aeiou])/g, '$1$2'],
  // Between vowels y is often unwritten in Russian (Ağayev = Агаев, Əliyev = Алиев).
  [/([aeiou])y(?=[aeiou])/g, '$1'],
  [/y/g, 'i'], // Russian ы and й, Az y and ı
  [/e/g, 'a'], // Az ə is written a (Latin) or е (Russian): Məmmədova, Mammadova, Мамедова
  [/(.)\1+/g, '$1'], // doubled letters: Məmmədova / Мамедова
];

/** One word of a name in its comparable form: script and spelling variants folded, letters only. */
export function normaliseNameWord(word: string): string {
  const lower = word.normalize('NFC').replace(/İ/g, 'i').toLowerCase();
  const azerbaijaniMapped = [...lower.replace(/c(?!h)/g, 'j')] // Az c; English ch stays ch
    .map((letter) => AZERBAIJANI_LATIN[letter] ?? letter)
    .join('');
  let folded = transliterate(azerbaijaniMapped)
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  for (const [pattern, replacement] of SPELLING_FOLDS) folded = folded.replace(pattern, replacement);
  return folded;
}

/**
 * A person's name in comparable form: every word of the given and family names normalised, in
 * alphabetical order, so that swapped given and family names (and several words) compare equal.
 */
export function normalisePersonName(givenName: string, familyName: string): string {
  return `${givenName} ${familyName}`
    .split(/[\s\-‐,.'’]+/)
    .map(normaliseNameWord)
    .filter((word) => word.length > 0)
    .sort()
    .join(' ');
}
