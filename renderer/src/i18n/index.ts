/**
 * i18next with the one catalogue of UI strings (en.json). French and Spanish follow as fr.json
 * and es.json beside it, added to `resources`.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';

export const defaultNS = 'translation';
export const resources = { en: { translation: en } } as const;

void i18n.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  defaultNS,
  // React escapes what it renders.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
