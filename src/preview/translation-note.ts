/** The sentence the preview page shows about the chosen language's translation status. */
import { SOURCE_LANG, type TranslationState } from '../i18n/translation-status.js';

/** Says which translation status applies to the handout shown. */
export function translationNote(s: TranslationState): string {
  switch (s.state) {
    case 'source':
      return `Source language (${SOURCE_LANG}), version ${s.version}.`;
    case 'current':
      return `Translation up to date (translated from version ${s.translatedFrom}).`;
    case 'stale':
      return s.translatedFrom === null
        ? `Stale translation: ${s.lang}.md has no translatedFrom; the ${SOURCE_LANG} guide is at version ${s.sourceVersion}.`
        : `Stale translation: translated from version ${s.translatedFrom}; the ${SOURCE_LANG} guide is at version ${s.sourceVersion}.`;
    case 'missing':
      return (
        `No ${s.lang} translation: showing the ${SOURCE_LANG} handout with an interpreter notice in ${s.lang} (as ` +
        `--translations fallback).`
      );
  }
}
