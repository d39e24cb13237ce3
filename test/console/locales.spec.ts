import az from '../../apps/web/src/locales/az.json';
import en from '../../apps/web/src/locales/en.json';
import ru from '../../apps/web/src/locales/ru.json';

type Catalog = { [key: string]: string | Catalog };

/** Every text of a catalog by its key path (`title.inbox`). */
function texts(catalog: Catalog, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix + key;
    if (typeof value === 'string') found.set(path, value);
    else for (const [inner, text] of texts(value, `${path}.`)) found.set(inner, text);
  }
  return found;
}

const placeholders = (text: string): string =>
  [...text.matchAll(/{{\s*(\w+)\s*}}/g)]
    .map((m) => m[1])
    .sort()
    .join();

// The build already fails when az or ru lacks one of en's keys; these also catch an extra key, a blank
// text, and a translation that drops or renames a {{placeholder}} (the reader would see the raw name).
describe('Console translation catalogs', () => {
  const english = texts(en);
  const catalogs = new Map([
    ['en', english],
    ['az', texts(az)],
    ['ru', texts(ru)],
  ]);
  const translations = ['az', 'ru'];

  it.each(translations)('%s has exactly the English key paths', (language) => {
    expect([...catalogs.get(language)!.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it.each([...catalogs.keys()])('%s has no empty text', (language) => {
    const empty = [...catalogs.get(language)!].filter(([, text]) => text.trim() === '').map(([path]) => path);
    expect(empty).toEqual([]);
  });

  it.each(translations)('%s has the same {{placeholders}} as English for every key', (language) => {
    const translated = catalogs.get(language)!;
    const differing = [...english.keys()].filter(
      (path) => placeholders(translated.get(path) ?? '') !== placeholders(english.get(path)!),
    );
    expect(differing).toEqual([]);
  });
});
