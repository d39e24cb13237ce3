import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import azCatalog from './locales/az.json';
import en from './locales/en.json';
import ruCatalog from './locales/ru.json';

// English is the reference text: these annotations fail the build when az or ru lacks one of its keys.
const az: typeof en = azCatalog;
const ru: typeof en = ruCatalog;

export const LANGUAGES = [
  { code: 'az', name: 'Azərbaycanca' },
  { code: 'en', name: 'English' },
  { code: 'ru', name: 'Русский' },
] as const;

const STORAGE_KEY = 'nrm.console.language';

/** The person's last choice, else the browser's first language we have, else English. */
function initialLanguage(): string {
  const known = LANGUAGES.map((language) => language.code as string);
  const candidates = [localStorage.getItem(STORAGE_KEY) ?? '', ...navigator.languages];
  return candidates.map((tag) => tag.slice(0, 2).toLowerCase()).find((code) => known.includes(code)) ?? 'en';
}

export async function setupLanguages(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, az: { translation: az }, ru: { translation: ru } },
    lng: initialLanguage(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  i18next.on('languageChanged', (language) => localStorage.setItem(STORAGE_KEY, language));
}
