import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { mergeTranslations } from 'react-admin';

import { consoleMessages } from './messages-en';

/** English only for now; another language is one more message file beside this one. */
export const i18nProvider = polyglotI18nProvider(
  () => mergeTranslations(englishMessages, consoleMessages),
  'en',
  [{ locale: 'en', name: 'English' }],
  { allowMissing: true },
);
